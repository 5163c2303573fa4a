// A refusal costs exactly the refused change: the device's other changes are written again on the
// server's copy (and the server's rules accept them), what the server would refuse again is named with
// its text, and what others changed meanwhile is kept and never listed.
import {
	addBusinessObjective,
	addIdeaGroup,
	addMarketingObjective,
	checkPlanUpdate,
	getMarketingObjectiveRationale,
	initPlan,
	serverOrigin,
	updatePlanSettings,
	updateWorkshop,
	userOrigin,
	type Writer
} from '@cap/plan-model';
import { CLOSE_REASONS, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rebaseLocalChanges, TOO_LARGE_TO_SEND } from './rebase.ts';

const karim: Writer = { role: 'editor', participantId: 'karim' };
const origin = userOrigin('karim');
const THIRTY_WORDS = Array.from({ length: 30 }, (_, i) => `mot${i + 1}`).join(' ');

/** A plan with one marketing objective, on the server and on Karim's device. */
function replicas() {
	const server = new Y.Doc();
	initPlan(server, { title: 'Plan 2027', year: 2027 }, serverOrigin());
	const business = addBusinessObjective(server, { name: 'Croître' }, userOrigin('marie'));
	const objective = addMarketingObjective(
		server,
		{
			businessObjectiveId: business,
			name: 'Recruter 200 clients',
			family: 'customers',
			nature: 'quantitative'
		},
		userOrigin('marie')
	);
	updateWorkshop(server, { phase: 'grouping' }, serverOrigin());
	const local = new Y.Doc();
	Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
	return { server, local, objective };
}

/** Types `text` at the end of a rationale's paragraph, word by word, as the editor binding does. */
function typeInto(doc: Y.Doc, objective: string, text: string): void {
	const fragment = getMarketingObjectiveRationale(doc, objective)!;
	for (const word of text.split(' ')) {
		doc.transact(() => {
			let paragraph = fragment.get(0) as Y.XmlElement | undefined;
			if (!paragraph) {
				paragraph = new Y.XmlElement('paragraph');
				fragment.insert(0, [paragraph]);
				paragraph.insert(0, [new Y.XmlText()]);
			}
			const node = paragraph.get(0) as Y.XmlText;
			node.insert(node.length, node.length === 0 ? word : ` ${word}`);
		}, origin);
	}
}

function rationale(doc: Y.Doc, objective: string): string {
	return getMarketingObjectiveRationale(doc, objective)!
		.toString()
		.replace(/<[^>]*>/g, '');
}

/** What the server would say of everything the rebuilt plan holds beyond its copy. */
function serverVerdict(server: Y.Doc, rebuilt: Y.Doc) {
	return checkPlanUpdate(server, Y.encodeStateAsUpdate(rebuilt, Y.encodeStateVector(server)), karim)
		.violation;
}

describe('rebaseLocalChanges', () => {
	it('keeps thirty words typed beside a group the locked board refuses, and names the group with its text', () => {
		const { server, local, objective } = replicas();
		addIdeaGroup(local, { name: 'Salons régionaux' }, origin);
		typeInto(local, objective, THIRTY_WORDS);
		updateWorkshop(server, { locked: true }, serverOrigin());

		const { doc, refused, kept } = rebaseLocalChanges(server, local, { writer: karim, origin });
		expect(rationale(doc, objective)).toBe(THIRTY_WORDS);
		expect(doc.getMap('ideaGroups').size).toBe(0);
		expect(refused).toEqual([
			expect.objectContaining({
				root: 'ideaGroups',
				field: null,
				name: 'Salons régionaux',
				text: expect.stringContaining('Salons régionaux'),
				reason: WORKSHOP_CLOSE_REASON
			})
		]);
		expect(kept).toBe(1);
		// The server takes the rebuilt plan, and a new Yjs client wrote it.
		expect(serverVerdict(server, doc)).toBeNull();
		expect(doc.clientID).not.toBe(local.clientID);
		expect(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)).byteLength).toBeGreaterThan(0);
	});

	it('keeps everything when the update was refused only for what it built on (out-of-sync)', () => {
		const { server, local, objective } = replicas();
		// The server lost the first words (a store that failed): the device's later words build on them.
		typeInto(local, objective, 'Base');
		const lost = new Y.Doc();
		Y.applyUpdate(lost, Y.encodeStateAsUpdate(server));
		typeInto(local, objective, THIRTY_WORDS);
		updatePlanSettings(local, { company: 'Acme' }, origin);
		const tail = Y.encodeStateAsUpdate(local, Y.encodeStateVector(lost));
		expect(checkPlanUpdate(lost, Y.diffUpdate(tail, Y.encodeStateVector(lost)), karim).violation).toBeNull();

		const { doc, refused } = rebaseLocalChanges(lost, local, { writer: karim, origin });
		expect(refused).toEqual([]);
		expect(rationale(doc, objective)).toBe(`Base ${THIRTY_WORDS}`);
		expect(doc.getMap('settings').get('company')).toBe('Acme');
		expect(serverVerdict(lost, doc)).toBeNull();
	});

	it('keeps what others changed meanwhile and does not list it', () => {
		const { server, local, objective } = replicas();
		updatePlanSettings(server, { company: 'Acme' }, userOrigin('marie'));
		typeInto(local, objective, 'Nos clients');
		const { doc, refused } = rebaseLocalChanges(server, local, { writer: karim, origin });
		expect(refused).toEqual([]);
		expect(doc.getMap('settings').get('company')).toBe('Acme');
		expect(rationale(doc, objective)).toBe('Nos clients');
	});

	it('SYNC-1: leaves out a text too large to send in any piece, names it, and keeps the rest', () => {
		const { server, local, objective } = replicas();
		updatePlanSettings(local, { company: 'Acme' }, origin);
		typeInto(local, objective, 'x'.repeat(6_000));
		const { doc, refused } = rebaseLocalChanges(server, local, {
			writer: karim,
			origin,
			maxMessageBytes: 4_096
		});
		expect(refused).toEqual([
			expect.objectContaining({
				root: 'marketingObjectives',
				field: 'rationale',
				name: 'Recruter 200 clients',
				text: 'x'.repeat(6_000),
				reason: TOO_LARGE_TO_SEND
			})
		]);
		expect(doc.getMap('settings').get('company')).toBe('Acme');
		expect(rationale(doc, objective)).toBe('');
	});

	it('at the plan size limit leaves out the largest change, and every change when asked again', () => {
		const { server, local, objective } = replicas();
		updatePlanSettings(local, { company: 'Acme' }, origin);
		typeInto(local, objective, THIRTY_WORDS);
		const once = rebaseLocalChanges(server, local, {
			writer: karim,
			origin,
			leaveOut: 'largest',
			reason: CLOSE_REASONS.planTooLarge
		});
		expect(once.refused.map((r) => [r.field, r.reason, r.text])).toEqual([
			['rationale', CLOSE_REASONS.planTooLarge, THIRTY_WORDS]
		]);
		expect(once.doc.getMap('settings').get('company')).toBe('Acme');
		const again = rebaseLocalChanges(server, local, {
			writer: karim,
			origin,
			leaveOut: 'all',
			reason: CLOSE_REASONS.planTooLarge
		});
		expect(again.refused.map((r) => r.id).sort()).toEqual(['company', objective].sort());
		expect(again.kept).toBe(0);
	});

	it('names a removed record by what it was, and shortens long names', () => {
		const { server, local } = replicas();
		const id = addIdeaGroup(server, { name: 'x'.repeat(80) }, userOrigin('marie'));
		Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
		local.getMap('ideaGroups').delete(id);
		updateWorkshop(server, { locked: true }, serverOrigin());
		const [record] = rebaseLocalChanges(server, local, { writer: karim, origin }).refused;
		expect(record).toMatchObject({ root: 'ideaGroups', id, text: '', reason: WORKSHOP_CLOSE_REASON });
		expect(record!.name).toHaveLength(60);
		expect(record!.name!.endsWith('…')).toBe(true);
	});
});
