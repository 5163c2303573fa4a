// The plan model and the wire protocol each hold the workshop's vocabulary (neither may import the
// other); the server speaks both, so this is where a drift between the two lists would be caught.
import { CRITERIA, mayWrite, PLAN_ROLES, WORKSHOP_PHASES } from '@cap/plan-model';
import { can, ROLES, WORKSHOP_AGENDA, WORKSHOP_CRITERIA } from '@cap/protocol';
import { describe, expect, it } from 'vitest';

describe('plan model and protocol agree', () => {
	it('on the workshop agenda, in order', () => {
		expect([...WORKSHOP_AGENDA]).toEqual([...WORKSHOP_PHASES]);
	});
	it('on the selection criteria', () => {
		expect([...WORKSHOP_CRITERIA]).toEqual([...CRITERIA]);
	});
	it('AUTH-2 on the roles, and on who edits the plan and who comments', () => {
		expect([...PLAN_ROLES]).toEqual([...ROLES]);
		for (const role of ROLES) {
			expect(mayWrite(role, 'settings'), role).toBe(can(role, 'editPlan'));
			expect(mayWrite(role, 'comments'), role).toBe(can(role, 'comment'));
		}
	});
});
