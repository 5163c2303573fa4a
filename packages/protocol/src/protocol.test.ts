import { describe, expect, it } from 'vitest';
import {
	can,
	inviteFromLink,
	parseDocumentName,
	participantColor,
	planDocumentName,
	privateDocumentName
} from './index.ts';

describe('document names', () => {
	it('round-trips the plan and private names and refuses others', () => {
		const plan = 'Pl4n_id-abcdef';
		expect(parseDocumentName(planDocumentName(plan))).toEqual({ kind: 'plan', planId: plan });
		expect(parseDocumentName(privateDocumentName(plan, 'user_123'))).toEqual({
			kind: 'private',
			planId: plan,
			participantId: 'user_123'
		});
		expect(parseDocumentName('../etc/passwd')).toBeNull();
		expect(parseDocumentName('short')).toBeNull();
		expect(parseDocumentName(`${plan}.private.`)).toBeNull();
	});
});

describe('roles', () => {
	it('lets only facilitators and editors edit, and viewers nothing', () => {
		expect(can('facilitator', 'editPlan')).toBe(true);
		expect(can('editor', 'editPlan')).toBe(true);
		expect(can('commenter', 'editPlan')).toBe(false);
		expect(can('commenter', 'comment')).toBe(true);
		expect(can('viewer', 'comment')).toBe(false);
		expect(can('editor', 'facilitate')).toBe(false);
	});
});

describe('invites', () => {
	it('extracts the invite from a link or takes it as is', () => {
		expect(inviteFromLink('https://cap.example/join/abc.def?x=1')).toBe('abc.def');
		expect(inviteFromLink('  abc.def ')).toBe('abc.def');
	});
	it('gives each participant a stable colour', () => {
		expect(participantColor('a')).toBe(participantColor('a'));
		expect(participantColor('a')).not.toBe(participantColor('b'));
	});
	it('gives colours as #rrggbb, the only form the rich text carets accept', () => {
		for (const id of ['a', 'b', 'p-123', 'xyz-0000-long-participant-id']) {
			expect(participantColor(id)).toMatch(/^#[0-9a-f]{6}$/);
		}
	});
});
