/**
 * KR-5 in words: which value a key result's progress is computed from (its latest measurement, else the
 * typed "Actuel"), said the same way on the objectives, the dashboard and the report.
 */
import type { KeyResult } from '@cap/plan-model';
import type { Locale } from '@cap/protocol';
import { formatDate, formatNumber } from '#lib/format.ts';
import * as m from '#lib/paraglide/messages.js';

export function keyResultValueNote(
	kr: Pick<KeyResult, 'value' | 'valueSource' | 'measuredOn'>,
	locale: Locale
): string {
	if (kr.valueSource === 'measured' && kr.value !== null && kr.measuredOn !== null) {
		return m.obj_kr_value_measured({
			value: formatNumber(kr.value, locale, 2),
			date: formatDate(kr.measuredOn, locale)
		});
	}
	if (kr.valueSource === 'typed') return m.obj_kr_value_typed();
	return m.obj_kr_value_none();
}
