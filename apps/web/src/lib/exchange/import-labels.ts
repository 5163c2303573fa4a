/** Words for the import preview: entities, fields, reasons and notices, in the person's language. */
import { formatDate } from '#lib/format.ts';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Notice, Reason } from './parse.ts';
import type { Entity } from './plan-import.ts';
import {
	COLUMNS,
	FAMILY_WORDS,
	fromWords,
	NATURE_WORDS,
	PRIORITY_WORDS,
	SETTING_KEYS,
	STATUS_WORDS,
	type ColumnKey
} from './vocab.ts';
import { MAX_FILE_BYTES, type ReadResult } from './workbook.ts';

export function entityLabel(entity: Entity): string {
	return {
		settings: m.xl_entity_settings,
		members: m.xl_entity_members,
		workstreams: m.xl_entity_workstreams,
		channels: m.xl_entity_channels,
		productLines: m.xl_entity_productLines,
		targets: m.xl_entity_targets,
		periods: m.xl_entity_periods,
		businessObjectives: m.xl_entity_businessObjectives,
		marketingObjectives: m.xl_entity_marketingObjectives,
		keyResults: m.xl_entity_keyResults,
		actions: m.xl_entity_actions,
		reviewItems: m.xl_entity_reviewItems,
		budgetLines: m.xl_entity_budgetLines,
		measurements: m.xl_entity_measurements
	}[entity]();
}

/** A changed field named like the workbook's column. */
const FIELD_COLUMN: Record<string, ColumnKey> = {
	name: 'action',
	status: 'status',
	workstreamId: 'workstream',
	description: 'description',
	keyResultIds: 'keyResults',
	priority: 'priority',
	ownerId: 'owner',
	personDays: 'personDays',
	periodId: 'period',
	start: 'start',
	end: 'end',
	dependsOn: 'dependsOn',
	channelId: 'channel',
	targetId: 'target',
	productLineId: 'productLine',
	plannedCost: 'cost',
	businessObjectiveId: 'businessObjective',
	marketingObjectiveId: 'marketingObjective',
	family: 'family',
	nature: 'nature',
	metric: 'metric',
	threshold: 'threshold',
	endDate: 'endDate',
	kpi: 'kpi',
	unit: 'unit',
	baseline: 'baseline',
	target: 'targetValue',
	current: 'current',
	deadline: 'deadline',
	levers: 'levers',
	email: 'email',
	role: 'jobRole',
	capacityPerPeriod: 'capacity'
};

export function fieldLabel(field: string): string {
	const setting = SETTING_KEYS[field as keyof typeof SETTING_KEYS];
	if (setting) return setting[i18n.locale];
	const col = FIELD_COLUMN[field];
	return col ? COLUMNS[col][i18n.locale] : field;
}

/** Codes of list values (in_progress, high...) in words; anything else as it is. */
export function valueText(field: string, value: string): string {
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, i18n.locale);
	const words = {
		status: STATUS_WORDS,
		priority: PRIORITY_WORDS,
		family: FAMILY_WORDS,
		nature: NATURE_WORDS
	}[field];
	if (!words) return value;
	const code = fromWords(words as Record<string, Record<'fr' | 'en', string>>, value);
	return code ? (words as Record<string, Record<'fr' | 'en', string>>)[code]![i18n.locale] : value;
}

export function reasonText(r: Reason): string {
	const column = r.column ?? '';
	const value = r.value ?? '';
	switch (r.code) {
		case 'merged':
			return m.xl_reason_merged();
		case 'date_as_text':
			return m.xl_reason_date_as_text({ column, value });
		case 'not_a_number':
			return m.xl_reason_not_a_number({ column, value });
		case 'formula_no_result':
			return m.xl_reason_formula({ column });
		case 'missing_name':
			return m.xl_reason_missing_name();
		case 'missing_dates':
			return m.xl_reason_missing_dates();
		case 'unknown_ref':
			return m.xl_reason_unknown_ref({ column, value });
		case 'duplicate':
			return m.xl_reason_duplicate({ value });
		case 'bad_value':
			return m.xl_reason_bad_value({ column, value });
		case 'invalid':
			return m.xl_reason_invalid({ message: r.message ?? '' });
		case 'one_owner':
			return m.xl_reason_one_owner({ column, value });
		case 'period_undated':
			return m.xl_reason_period_undated({ value });
	}
}

export function noticeText(n: Notice): string {
	switch (n.code) {
		case 'sheet_ignored':
			return m.xl_notice_sheet_ignored({ sheet: n.sheet ?? '' });
		case 'sheet_computed':
			return m.xl_notice_sheet_computed({ sheet: n.sheet ?? '' });
		case 'column_ignored':
			return m.xl_notice_column_ignored({ sheet: n.sheet ?? '', column: n.column ?? '' });
		case 'no_header':
			return m.xl_notice_no_header({ sheet: n.sheet ?? '' });
		case 'no_known_sheet':
			return m.xl_notice_no_known_sheet();
	}
}

export function readFailure(reason: Extract<ReadResult, { ok: false }>['reason'], detail?: string): string {
	switch (reason) {
		case 'not_workbook':
			return m.xl_bad_not_workbook();
		case 'encrypted':
			return m.xl_bad_encrypted();
		case 'too_large':
			return m.xl_bad_too_large({ sheet: detail ?? '' });
		case 'unreadable':
			return m.xl_bad_unreadable();
		case 'file_too_large':
			return m.xl_bad_file_too_large({
				size: new Intl.NumberFormat(i18n.locale).format(MAX_FILE_BYTES / 1024 / 1024)
			});
		case 'unzipped_too_large':
			return m.xl_bad_unzipped_too_large();
		case 'too_slow':
			return m.xl_bad_too_slow();
	}
}
