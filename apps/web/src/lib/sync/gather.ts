/**
 * Bringing everyone to where the meeting is (plan-model GATHER-1): the facilitator sets the section with a
 * workshop `settings` command; everyone elsewhere is asked to come, and invite links land there while it
 * is set (the join page marks a fresh join with the `joined` page state).
 */
import { parseWorkshopServerMessage } from '@cap/protocol';
import { isSection, type Section } from '#lib/sections.ts';
import type { PlanSync } from './plan.svelte.ts';

const ACK_TIMEOUT_MS = 10_000;
let seq = 0;

/** Facilitator: gathers everyone in `section` (null releases them); resolves with the server's answer. */
export function sendGather(sync: Pick<PlanSync, 'provider'>, section: Section | null): Promise<boolean> {
	const provider = sync.provider;
	if (!provider) return Promise.resolve(false);
	const id = `gather${++seq}`;
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			clearTimeout(timer);
			provider.off('stateless', listen);
			resolve(ok);
		};
		const listen = ({ payload }: { payload: string }) => {
			const msg = parseWorkshopServerMessage(payload);
			if (msg && msg.t !== 'time' && msg.id === id) done(msg.ok);
		};
		const timer = setTimeout(() => done(false), ACK_TIMEOUT_MS);
		provider.on('stateless', listen);
		provider.sendStateless(JSON.stringify({ t: 'settings', id, meetingSection: section }));
	});
}

/** The section the meeting is in, when this person is somewhere else (null otherwise). */
export function meetingElsewhere(meetingSection: string | null, current: string): Section | null {
	if (meetingSection === null || meetingSection === current || !isSection(meetingSection)) return null;
	return meetingSection;
}
