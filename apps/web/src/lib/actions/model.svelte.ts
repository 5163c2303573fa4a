/**
 * What the action views read from the plan, derived once per section: the actions, the key results, the
 * labels of every column (ids turned into names, enums into words, money and dates by locale) and the
 * choices offered in each select. The views only ever go through this and `sync.run`.
 */
import {
	actionPeriodId,
	ACTION_STATUSES,
	findScheduleConflicts,
	PRIORITIES,
	selectActions,
	selectKeyResults,
	selectReviewItems,
	type Action,
	type ActionStatus,
	type Priority,
	type Recurrence
} from '@cap/plan-model';
import { formatDate, formatMoney, formatNumber, intlLocale } from '#lib/format.ts';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import * as m from '#lib/paraglide/messages.js';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';
import { COST_BUCKETS, NONE, PERSON_DAYS_BUCKETS, type Column, type Lookup } from './view.ts';

export interface Choice {
	value: string;
	label: string;
}

export function statusLabel(status: ActionStatus): string {
	return {
		todo: m.act_status_todo,
		in_progress: m.act_status_in_progress,
		done: m.act_status_done,
		dropped: m.act_status_dropped
	}[status]();
}

export function priorityLabel(priority: Priority): string {
	return { high: m.act_priority_high, medium: m.act_priority_medium, low: m.act_priority_low }[priority]();
}

export function columnLabel(column: Column): string {
	return {
		status: m.act_col_status,
		workstream: m.act_col_workstream,
		name: m.act_col_name,
		description: m.act_col_description,
		keyResults: m.act_col_key_results,
		priority: m.act_col_priority,
		owner: m.act_col_owner,
		personDays: m.act_col_person_days,
		period: m.act_col_period,
		start: m.act_col_start,
		end: m.act_col_end,
		dependencies: m.act_col_dependencies,
		channel: m.act_col_channel,
		target: m.act_col_target,
		productLine: m.act_col_product_line,
		plannedCost: m.act_col_planned_cost,
		recurrence: m.act_col_recurrence
	}[column]();
}

export function recurrenceLabel(r: Recurrence | null): string {
	if (!r) return '';
	const every =
		r.interval === 1
			? { weekly: m.act_recur_weekly, monthly: m.act_recur_monthly, quarterly: m.act_recur_quarterly }[
					r.freq
				]()
			: {
					weekly: m.act_recur_weekly_n,
					monthly: m.act_recur_monthly_n,
					quarterly: m.act_recur_quarterly_n
				}[r.freq]({ count: r.interval });
	return r.until ? m.act_recur_until({ rule: every, date: formatDate(r.until, i18n.locale) }) : every;
}

export class ActionsModel {
	#sync: PlanSync;
	constructor(sync: PlanSync) {
		this.#sync = sync;
	}

	actions = $derived.by(() => this.#sync.read((doc) => selectActions(doc)));
	keyResults = $derived.by(() => this.#sync.read((doc) => selectKeyResults(doc)));
	/** Actions starting before one of their prerequisites ends (PLAN-6), computed at read time. */
	conflicts = $derived.by(() => {
		// findScheduleConflicts reads every action again: skip it while no action has a prerequisite.
		const list = this.actions.some((a) => a.dependsOn.length > 0)
			? this.#sync.read((doc) => findScheduleConflicts(doc))
			: [];
		// Rebuilt whole on every change, never mutated.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const byAction = new Map<string, string[]>();
		for (const c of list) byAction.set(c.actionId, [...(byAction.get(c.actionId) ?? []), c.dependsOnId]);
		return byAction;
	});
	// Lookup tables rebuilt whole on every change, never mutated: plain Maps are enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#byId = $derived(new Map(this.actions.map((a) => [a.id, a])));

	#names = $derived.by(() => {
		const s = this.#sync;
		const map = (items: { id: string; name: string }[]) =>
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			new Map(items.map((i) => [i.id, i.name]));
		return {
			workstream: map(s.workstreams),
			owner: map(s.members),
			channel: map(s.channels),
			target: map(s.targets),
			productLine: map(s.productLines),
			period: map(s.periods.map((p) => ({ id: p.id, name: p.name }))),
			keyResult: map(this.keyResults.map((k) => ({ id: k.id, name: k.kpi })))
		};
	});

	byId(id: string): Action | undefined {
		return this.#byId.get(id);
	}

	/** Names of last year's review items, read only when an action was carried from one. */
	#reviewNames = $derived.by(() =>
		this.actions.some((a) => a.reviewItemId)
			? // eslint-disable-next-line svelte/prefer-svelte-reactivity
				new Map(this.#sync.read((doc) => selectReviewItems(doc)).map((i) => [i.id, i.name]))
			: null
	);

	/**
	 * Where an action comes from, for the badge next to its name: last year's review (REV-4) or a key
	 * result's gap (KPI-6); null for an action created here.
	 */
	origin(a: Action): { kind: 'review' | 'corrective'; label: string; detail: string } | null {
		if (a.correctiveForKeyResultId) {
			const kpi = this.#names.keyResult.get(a.correctiveForKeyResultId) ?? '';
			return {
				kind: 'corrective',
				label: m.act_origin_corrective(),
				detail: m.act_origin_corrective_for({ kpi })
			};
		}
		if (a.reviewItemId) {
			const name = this.#reviewNames?.get(a.reviewItemId) ?? '';
			return { kind: 'review', label: m.act_origin_review(), detail: m.act_origin_review_from({ name }) };
		}
		return null;
	}

	/** Display text of one cell; '' when empty. */
	label = (column: Column, a: Action): string => {
		const n = this.#names;
		const locale = i18n.locale;
		const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? '') : '');
		switch (column) {
			case 'status':
				return statusLabel(a.status);
			case 'priority':
				return priorityLabel(a.priority);
			case 'name':
				return a.name;
			case 'description':
				return a.descriptionText;
			case 'workstream':
				return name(n.workstream, a.workstreamId);
			case 'owner':
				return name(n.owner, a.ownerId);
			case 'channel':
				return name(n.channel, a.channelId);
			case 'target':
				return name(n.target, a.targetId);
			case 'productLine':
				return name(n.productLine, a.productLineId);
			case 'period':
				return name(n.period, this.periodOf(a));
			case 'personDays':
				return a.personDays === null ? '' : formatNumber(a.personDays, locale, 2);
			case 'plannedCost':
				return a.plannedCost === null ? '' : formatMoney(a.plannedCost, this.#sync.settings.currency, locale);
			case 'start':
				return a.start ? formatDate(a.start, locale) : '';
			case 'end':
				return a.end ? formatDate(a.end, locale) : '';
			case 'keyResults':
				return a.keyResultIds.map((id) => n.keyResult.get(id) ?? '').join(', ');
			case 'dependencies':
				return a.dependsOn.map((id) => this.#byId.get(id)?.name ?? '').join(', ');
			case 'recurrence':
				return recurrenceLabel(a.recurrence);
		}
	};

	/** Headings of the groups of derived keys (see view.ts groupKey); '' means "none". */
	groupLabel = (column: Column, key: string): string => {
		const locale = i18n.locale;
		const bucket = (bounds: readonly number[], fmt: (n: number) => string) => {
			const i = Number(key);
			if (i === 0) return m.act_group_below({ max: fmt(bounds[0]!) });
			if (i >= bounds.length) return m.act_group_above({ min: fmt(bounds[bounds.length - 1]!) });
			return m.act_group_between({ min: fmt(bounds[i - 1]!), max: fmt(bounds[i]!) });
		};
		switch (column) {
			case 'start':
			case 'end': {
				if (key === NONE) return m.act_group_no_date();
				const month = new Intl.DateTimeFormat(intlLocale(locale), {
					month: 'long',
					year: 'numeric',
					timeZone: 'UTC'
				}).format(Date.parse(`${key}-01T00:00:00Z`));
				return month.charAt(0).toLocaleUpperCase() + month.slice(1);
			}
			case 'personDays':
				return key === NONE
					? ''
					: bucket(PERSON_DAYS_BUCKETS, (n) =>
							m.act_group_person_days({ count: formatNumber(n, locale, 0) })
						);
			case 'plannedCost':
				return key === NONE
					? ''
					: bucket(COST_BUCKETS, (n) =>
							formatMoney(n, this.#sync.settings.currency, locale).replace(/[,.]00(?=\D|$)/, '')
						);
			case 'dependencies':
				return key === NONE ? m.act_group_no_deps() : m.act_group_has_deps();
			case 'recurrence':
				return key === NONE ? m.act_group_once() : m.act_group_recurring();
			case 'description':
				return key === NONE ? m.act_group_no_description() : m.act_group_described();
			default:
				return key === NONE ? '' : key;
		}
	};

	/** The one period an action counts in: assigned, else the one holding its start (PLAN-8). */
	periodOf = (a: Action): string | null => actionPeriodId(a, this.#sync.periods);
	lookup: Lookup = { label: this.label, groupLabel: this.groupLabel, periodOf: this.periodOf };

	/** Choices of a single-value select column, "none" first for references. */
	choices(column: Column): Choice[] {
		const s = this.#sync;
		const none = { value: NONE, label: m.act_none() };
		const items = (list: { id: string; name: string }[]) => [
			none,
			...list.map((i) => ({ value: i.id, label: i.name }))
		];
		switch (column) {
			case 'status':
				return ACTION_STATUSES.map((v) => ({ value: v, label: statusLabel(v) }));
			case 'priority':
				return PRIORITIES.map((v) => ({ value: v, label: priorityLabel(v) }));
			case 'workstream':
				return items(s.workstreams);
			case 'owner':
				return items(s.members);
			case 'channel':
				return items(s.channels);
			case 'target':
				return items(s.targets);
			case 'productLine':
				return items(s.productLines);
			case 'period':
				return items(s.periods);
			default:
				return [];
		}
	}

	/** The currently stored raw value of a select column (an id, an enum, or NONE). */
	value(column: Column, a: Action): string {
		const v = {
			status: a.status,
			priority: a.priority,
			workstream: a.workstreamId,
			owner: a.ownerId,
			channel: a.channelId,
			target: a.targetId,
			productLine: a.productLineId,
			period: a.periodId
		}[column as 'status'];
		return v ?? NONE;
	}
}

/** Which kind of editor a column uses. */
export type EditorKind = 'text' | 'number' | 'money' | 'date' | 'select' | 'multi' | 'long' | 'recurrence';

export const EDITOR: Record<Column, EditorKind> = {
	status: 'select',
	workstream: 'select',
	name: 'text',
	description: 'long',
	keyResults: 'multi',
	priority: 'select',
	owner: 'select',
	personDays: 'number',
	period: 'select',
	start: 'date',
	end: 'date',
	dependencies: 'multi',
	channel: 'select',
	target: 'select',
	productLine: 'select',
	plannedCost: 'money',
	recurrence: 'recurrence'
};

/** The updateAction field each select column writes. */
export const REF_FIELD = {
	workstream: 'workstreamId',
	owner: 'ownerId',
	channel: 'channelId',
	target: 'targetId',
	productLine: 'productLineId',
	period: 'periodId'
} as const;
