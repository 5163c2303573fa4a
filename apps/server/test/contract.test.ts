// The plan model and the wire protocol each hold the workshop's vocabulary (neither may import the
// other); the server speaks both, so this is where a drift between the two lists would be caught.
import { CRITERIA, WORKSHOP_PHASES } from '@cap/plan-model';
import { WORKSHOP_AGENDA, WORKSHOP_CRITERIA } from '@cap/protocol';
import { describe, expect, it } from 'vitest';

describe('plan model and protocol agree', () => {
	it('on the workshop agenda, in order', () => {
		expect([...WORKSHOP_AGENDA]).toEqual([...WORKSHOP_PHASES]);
	});
	it('on the selection criteria', () => {
		expect([...WORKSHOP_CRITERIA]).toEqual([...CRITERIA]);
	});
});
