/** Turns a plan-model PlanError into a sentence in the interface language, for display next to a field. */
import type { PlanError } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function planErrorMessage(error: PlanError): string {
	switch (error.code) {
		case 'forbidden':
			return m.reason_read_only();
		case 'not_found':
			return m.error_not_found();
		case 'conflict':
			return error.field === 'name' ? m.error_duplicate_name() : m.error_generic({ message: error.message });
		case 'invalid_input':
			if (error.field === 'end') return m.error_dates();
			if (error.field === 'year') return m.error_year();
			if (error.field === 'capacityPerPeriod') return m.error_number();
			if (/required/i.test(error.message)) return m.error_required();
			return m.error_generic({ message: error.message });
		default:
			return m.error_generic({ message: error.message });
	}
}
