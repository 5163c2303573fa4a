/**
 * What the printed report shows, read in one go from the plan model's selectors. The report's parts render
 * these objects and compute no figure of their own (SPEC FIG-1, FIG-2): the cover's cost is the budget's
 * bottom-up method, a key result's value and progress are the dashboard's (KR-5), the year page and the
 * period lists are the planning selectors'.
 */
import {
	selectBusinessObjectives,
	selectKpiMeasurements,
	selectList,
	selectMarketingObjectives,
	selectPeriodLoads,
	selectPlanFigures,
	selectReviewItems,
	selectReviewTotals,
	selectWorkshopOutcome,
	selectYearPlan,
	type KeyResultTracking,
	type MarketingObjective
} from '@cap/plan-model';
import type * as Y from 'yjs';

export interface ObjectiveChain {
	/** The business objective's name; null for the marketing objectives attached to none. */
	name: string | null;
	objectives: { objective: MarketingObjective; keyResults: KeyResultTracking[] }[];
}

export function reportModel(doc: Y.Doc) {
	const figures = selectPlanFigures(doc);
	const marketing = selectMarketingObjectives(doc);
	const chainOf = (mos: MarketingObjective[]) =>
		mos.map((objective) => ({
			objective,
			keyResults: figures.tracking.filter((t) => t.keyResult.marketingObjectiveId === objective.id)
		}));
	const chains: ObjectiveChain[] = [
		...selectBusinessObjectives(doc).map((b) => ({
			name: b.name,
			objectives: chainOf(marketing.filter((mo) => mo.businessObjectiveId === b.id))
		})),
		{ name: null, objectives: chainOf(marketing.filter((mo) => !mo.businessObjectiveId)) }
	].filter((c) => c.name !== null || c.objectives.length > 0);
	const names = (kind: 'members' | 'workstreams' | 'channels') =>
		new Map(selectList(doc, kind).map((i) => [i.id, i.name]));
	return {
		figures,
		chains,
		year: selectYearPlan(doc),
		periods: selectPeriodLoads(doc),
		measurements: selectKpiMeasurements(doc),
		review: { totals: selectReviewTotals(doc), items: selectReviewItems(doc) },
		workshop: selectWorkshopOutcome(doc),
		members: names('members'),
		workstreams: names('workstreams'),
		channels: names('channels'),
		objectives: new Map(marketing.map((o) => [o.id, o.name]))
	};
}

export type ReportModel = ReturnType<typeof reportModel>;
