/**
 * Turns what a person typed or picked in one cell into the plan-model command that stores it, and the
 * PlanError it may raise into a sentence for the cell. Every edit goes through `sync.run`, so read-only
 * participants are refused before the document.
 */
import {
	addActionDependency,
	removeActionDependency,
	updateAction,
	type Action,
	type PlanError,
	type Recurrence,
	type UpdateActionProps
} from '@cap/plan-model';
import { parseNumber } from '#lib/format.ts';
import * as m from '#lib/paraglide/messages.js';
import { planErrorMessage } from '#lib/sync/errors.ts';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';
import { REF_FIELD } from './model.svelte.ts';
import { parseAmount } from './paste.ts';
import { NONE, type Column } from './view.ts';

export function actionErrorMessage(error: PlanError): string {
	if (error.code === 'cycle') return m.act_error_cycle();
	if (error.field === 'start' || error.field === 'end') return m.act_error_dates();
	if (error.field === 'recurrence.until') return m.act_error_until();
	if (/negative/i.test(error.message)) return m.act_error_negative();
	return planErrorMessage(error);
}

function update(sync: PlanSync, props: UpdateActionProps): string | null {
	const result = sync.run((doc, origin) => updateAction(doc, props, origin));
	return result.ok ? null : actionErrorMessage(result.error);
}

/** Stores a draft typed in a text, number, money or date cell, or picked in a select. */
export function commitCell(sync: PlanSync, action: Action, column: Column, raw: string): string | null {
	const id = action.id;
	const text = raw.trim();
	switch (column) {
		case 'name':
			if (text === '') return m.error_required();
			return update(sync, { id, name: text });
		case 'description':
			return update(sync, { id, description: raw });
		case 'personDays':
		case 'plannedCost': {
			if (text === '') return update(sync, { id, [column]: null });
			const value = column === 'plannedCost' ? parseAmount(text) : parseNumber(text);
			if (value === null) return m.error_number();
			if (value < 0) return m.act_error_negative();
			return update(sync, { id, [column]: value });
		}
		case 'start':
		case 'end':
			return update(sync, { id, [column]: text === '' ? null : text });
		case 'status':
			return update(sync, { id, status: text as Action['status'] });
		case 'priority':
			return update(sync, { id, priority: text as Action['priority'] });
		case 'workstream':
		case 'owner':
		case 'channel':
		case 'target':
		case 'productLine':
		case 'period':
			return update(sync, { id, [REF_FIELD[column]]: text === NONE || text === '' ? null : text });
		default:
			return null;
	}
}

/** The action fields a table cell writes as one plain value, which "put mine back" may write again. */
const RESTORABLE = new Set<string>([
	'name',
	'status',
	'priority',
	'workstreamId',
	'ownerId',
	'personDays',
	'periodId',
	'start',
	'end',
	'channelId',
	'targetId',
	'productLineId',
	'plannedCost'
]);

/** Whether `field` (the last key of an overwritten entry's path) is one a cell may restore. */
export function isRestorableField(field: string): boolean {
	return RESTORABLE.has(field);
}

/**
 * Writes back the value a cell had stored before someone replaced it without seeing it (OVR-1), through
 * the same command as any edit: the command validates it again.
 */
export function restoreCell(sync: PlanSync, id: string, field: string, value: unknown): string | null {
	if (!RESTORABLE.has(field)) return null;
	return update(sync, { id, [field]: value } as UpdateActionProps);
}

export function commitRecurrence(sync: PlanSync, id: string, recurrence: Recurrence | null): string | null {
	return update(sync, { id, recurrence });
}

export function commitKeyResults(sync: PlanSync, id: string, keyResultIds: string[]): string | null {
	return update(sync, { id, keyResultIds });
}

/** One dependency at a time, so two people linking different prerequisites both keep theirs (ACT-6). */
export function toggleDependency(
	sync: PlanSync,
	actionId: string,
	dependsOnId: string,
	on: boolean
): string | null {
	const result = sync.run((doc, origin) =>
		on
			? addActionDependency(doc, { actionId, dependsOnId }, origin)
			: removeActionDependency(doc, { actionId, dependsOnId }, origin)
	);
	return result.ok ? null : actionErrorMessage(result.error);
}

/**
 * Delete or Backspace on an active cell: empties the field when it can be empty. The name goes through
 * updateAction too, so its PlanError ("required") is what the cell shows. Status and priority always
 * have a value: null, nothing to clear.
 */
export function clearCell(sync: PlanSync, action: Action, column: Column): string | null {
	const id = action.id;
	switch (column) {
		case 'name':
			return update(sync, { id, name: '' });
		case 'description':
			return action.descriptionText === '' ? null : update(sync, { id, description: '' });
		case 'keyResults':
			return action.keyResultIds.length === 0 ? null : update(sync, { id, keyResultIds: [] });
		case 'recurrence':
			return action.recurrence === null ? null : update(sync, { id, recurrence: null });
		case 'dependencies': {
			if (action.dependsOn.length === 0) return null;
			// One transaction: one undo step, one update for the others.
			const result = sync.run((doc, origin) =>
				doc.transact(() => {
					for (const dependsOnId of action.dependsOn)
						removeActionDependency(doc, { actionId: id, dependsOnId }, origin);
				}, origin)
			);
			return result.ok ? null : actionErrorMessage(result.error);
		}
		case 'personDays':
		case 'plannedCost':
		case 'start':
		case 'end':
			return action[column] === null ? null : update(sync, { id, [column]: null });
		case 'workstream':
		case 'owner':
		case 'channel':
		case 'target':
		case 'productLine':
		case 'period':
			return action[REF_FIELD[column]] === null ? null : update(sync, { id, [REF_FIELD[column]]: null });
		default:
			return null;
	}
}

/** The text an input starts from when a cell is edited. */
export function draftOf(action: Action, column: Column): string {
	switch (column) {
		case 'name':
			return action.name;
		case 'description':
			return action.descriptionText;
		case 'personDays':
			return action.personDays === null ? '' : String(action.personDays);
		case 'plannedCost':
			return action.plannedCost === null ? '' : String(action.plannedCost);
		case 'start':
			return action.start ?? '';
		case 'end':
			return action.end ?? '';
		default:
			return '';
	}
}
