/**
 * Plan templates (TPL-*): a new plan can start from the annual PAC or a product launch plan. The
 * templates are data (packages/plan-model/templates/), written in French and English; applying one
 * writes its lists, periods, key moments, objective chain and actions with the ordinary commands, in
 * the plan's language and year, as one transaction.
 */
import type * as Y from 'yjs';
import { annualPac } from '../templates/annual-pac.ts';
import { productLaunch } from '../templates/product-launch.ts';
import { addAction, updateAction } from './actions.ts';
import { addKeyMoment, type KeyMomentKind } from './calendar.ts';
import { PlanError } from './errors.ts';
import { addListItem } from './lists.ts';
import {
	addBusinessObjective,
	addKeyResult,
	addMarketingObjective,
	type ObjectiveFamily
} from './objectives.ts';
import type { Origin } from './origin.ts';
import { generateTenDayPeriods } from './periods.ts';
import { selectSettings, type Locale } from './settings.ts';

type Words = Record<Locale, string>;
/** A day of the plan's year, "MM-DD". */
type MonthDay = `${number}-${number}`;

export interface PlanTemplate {
	id: 'annual' | 'launch';
	name: Words;
	description: Words;
	tenDayPeriods: boolean;
	workstreams: Words[];
	channels: Words[];
	targets: Words[];
	keyMoments: { name: Words; kind: KeyMomentKind; start: MonthDay; end: MonthDay }[];
	objectives: {
		business: Words;
		marketing: { name: Words; family: ObjectiveFamily; metric: Words; keyResults: Words[] }[];
	}[];
	actions: {
		name: Words;
		/** Index into `workstreams` (and `channels`). */
		workstream: number;
		channel?: number;
		start: MonthDay;
		end: MonthDay;
		personDays: number;
		recurrence?: 'weekly' | 'monthly' | 'quarterly';
		/** Indexes of earlier actions of the template. */
		dependsOn?: number[];
	}[];
}

export const PLAN_TEMPLATES: readonly PlanTemplate[] = [annualPac, productLaunch];
export type PlanTemplateId = PlanTemplate['id'];
export const PLAN_TEMPLATE_IDS = PLAN_TEMPLATES.map((t) => t.id);

/** TPL-1: writes the template into a plan created moments ago, in its language and year. */
export function applyTemplate(doc: Y.Doc, props: { template: PlanTemplateId }, origin: Origin): void {
	const template = PLAN_TEMPLATES.find((t) => t.id === props.template);
	if (!template)
		throw new PlanError('invalid_input', 'template', `template: unknown template ${props.template}`);
	const { locale, year } = selectSettings(doc);
	const day = (md: MonthDay) => `${year}-${md}`;
	doc.transact(() => {
		const list = (kind: 'workstreams' | 'channels' | 'targets', items: Words[]) =>
			items.map((name) => addListItem(doc, kind, { name: name[locale] }, origin));
		const workstreams = list('workstreams', template.workstreams);
		const channels = list('channels', template.channels);
		list('targets', template.targets);
		if (template.tenDayPeriods) generateTenDayPeriods(doc, { year }, origin);
		for (const k of template.keyMoments) {
			addKeyMoment(doc, { name: k.name[locale], kind: k.kind, start: day(k.start), end: day(k.end) }, origin);
		}
		for (const chain of template.objectives) {
			const business = addBusinessObjective(doc, { name: chain.business[locale] }, origin);
			for (const mo of chain.marketing) {
				const id = addMarketingObjective(
					doc,
					{
						name: mo.name[locale],
						family: mo.family,
						nature: 'quantitative',
						metric: mo.metric[locale],
						businessObjectiveId: business
					},
					origin
				);
				for (const kpi of mo.keyResults)
					addKeyResult(doc, { marketingObjectiveId: id, kpi: kpi[locale] }, origin);
			}
		}
		const ids: string[] = [];
		for (const a of template.actions) {
			ids.push(
				addAction(
					doc,
					{
						name: a.name[locale],
						workstreamId: workstreams[a.workstream] ?? null,
						channelId: a.channel === undefined ? null : (channels[a.channel] ?? null),
						start: day(a.start),
						end: day(a.end),
						personDays: a.personDays,
						...(a.recurrence && { recurrence: { freq: a.recurrence, interval: 1, until: `${year}-12-31` } })
					},
					origin
				)
			);
		}
		template.actions.forEach((a, i) => {
			if (a.dependsOn?.length)
				updateAction(doc, { id: ids[i]!, dependsOn: a.dependsOn.map((d) => ids[d]!) }, origin);
		});
	}, origin);
}
