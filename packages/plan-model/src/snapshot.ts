/** The whole plan as plain data: for exports, the server's logs and replica comparison in tests. */
import type * as Y from 'yjs';
import { selectActions } from './actions.ts';
import { selectBudgetLines } from './budget.ts';
import { selectKpiMeasurements } from './kpi.ts';
import { selectLastYearObjectives } from './review-objectives.ts';
import { selectSteering } from './steering.ts';
import { selectKeyMoments } from './calendar.ts';
import { selectThreads } from './comments.ts';
import { selectIdeaGroups, selectIdeas } from './ideas.ts';
import { selectList } from './lists.ts';
import { selectBusinessObjectives, selectKeyResults, selectMarketingObjectives } from './objectives.ts';
import { selectPeriods } from './periods.ts';
import { getSchemaVersion } from './plan.ts';
import { selectReviewItems } from './review.ts';
import { selectSettings } from './settings.ts';
import { selectScores, selectVotes } from './votes.ts';
import { selectWorkshop } from './workshop.ts';

export function selectPlan(doc: Y.Doc) {
	return {
		schemaVersion: getSchemaVersion(doc),
		settings: selectSettings(doc),
		members: selectList(doc, 'members'),
		workstreams: selectList(doc, 'workstreams'),
		channels: selectList(doc, 'channels'),
		productLines: selectList(doc, 'productLines'),
		targets: selectList(doc, 'targets'),
		periods: selectPeriods(doc),
		reviewItems: selectReviewItems(doc),
		lastYearObjectives: selectLastYearObjectives(doc),
		businessObjectives: selectBusinessObjectives(doc),
		marketingObjectives: selectMarketingObjectives(doc),
		keyResults: selectKeyResults(doc),
		ideas: selectIdeas(doc),
		ideaGroups: selectIdeaGroups(doc),
		votes: selectVotes(doc),
		scores: selectScores(doc),
		workshop: selectWorkshop(doc),
		actions: selectActions(doc),
		keyMoments: selectKeyMoments(doc),
		budgetLines: selectBudgetLines(doc),
		steering: selectSteering(doc),
		kpiMeasurements: selectKpiMeasurements(doc),
		threads: selectThreads(doc)
	};
}

export type PlanSnapshot = ReturnType<typeof selectPlan>;
