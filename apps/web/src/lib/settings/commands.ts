/**
 * The settings section's writes (plan settings, named lists, periods), each through `PlanSync.run` (so a
 * read-only participant is refused before the document). They live here rather than on PlanSync so that a
 * page which never opens the settings (a phone in the workshop) does not download these commands and their
 * validation (bench-results/bundle.md).
 */
import {
	addListItem,
	addPeriod as addPeriodCommand,
	generateTenDayPeriods,
	removeListItem,
	removePeriod as removePeriodCommand,
	reorderListItem,
	updateListItem,
	updatePeriod as updatePeriodCommand,
	updatePlanSettings,
	type AddListItemProps,
	type AddPeriodProps,
	type NamedListKind,
	type UpdateListItemProps,
	type UpdatePeriodProps,
	type UpdatePlanSettingsProps
} from '@cap/plan-model';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';

export function updateSettings(sync: PlanSync, props: UpdatePlanSettingsProps) {
	return sync.run((doc, origin) => updatePlanSettings(doc, props, origin));
}
export function addItem<K extends NamedListKind>(sync: PlanSync, kind: K, props: AddListItemProps<K>) {
	return sync.run((doc, origin) => addListItem(doc, kind, props, origin));
}
export function updateItem<K extends NamedListKind>(sync: PlanSync, kind: K, props: UpdateListItemProps<K>) {
	return sync.run((doc, origin) => updateListItem(doc, kind, props, origin));
}
export function removeItem(sync: PlanSync, kind: NamedListKind, id: string) {
	return sync.run((doc, origin) => removeListItem(doc, kind, { id }, origin));
}
export function moveItem(sync: PlanSync, kind: NamedListKind, id: string, index: number) {
	return sync.run((doc, origin) => reorderListItem(doc, kind, { id, index }, origin));
}
export function addPeriod(sync: PlanSync, props: AddPeriodProps) {
	return sync.run((doc, origin) => addPeriodCommand(doc, props, origin));
}
export function updatePeriod(sync: PlanSync, props: UpdatePeriodProps) {
	return sync.run((doc, origin) => updatePeriodCommand(doc, props, origin));
}
export function removePeriod(sync: PlanSync, id: string) {
	return sync.run((doc, origin) => removePeriodCommand(doc, { id }, origin));
}
export function generatePeriods(sync: PlanSync, year: number, replace: boolean) {
	return sync.run((doc, origin) => generateTenDayPeriods(doc, { year, replace }, origin));
}
