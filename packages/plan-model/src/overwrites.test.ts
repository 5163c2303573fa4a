import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addBusinessObjective, removeBusinessObjective, updateBusinessObjective } from './objectives.ts';
import { watchOverwrites, type Overwrite } from './overwrites.ts';
import { updatePlanSettings } from './settings.ts';
import { alice, bob, newPlan } from './test-utils.ts';

/** Two replicas of one plan that exchange updates only when `sync` is called (both offline meanwhile). */
function offlinePair() {
	const a = newPlan();
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const send = (from: Y.Doc, to: Y.Doc) =>
		Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
	return { a, b, aToB: () => send(a, b), bToA: () => send(b, a) };
}

function watch(doc: Y.Doc) {
	const seen: Overwrite[] = [];
	const watcher = watchOverwrites(doc);
	watcher.onOverwrite((o) => seen.push(o));
	return { seen, watcher };
}

describe('OVR-1 overwritten fields', () => {
	it('tells the person whose concurrent value lost, with both values, and only them', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const wa = watch(a);
		const wb = watch(b);
		updatePlanSettings(a, { title: 'Plan Alice' }, alice);
		updatePlanSettings(b, { title: 'Plan Bob' }, bob);
		aToB();
		bToA();
		const title = a.getMap('settings').get('title');
		expect(b.getMap('settings').get('title')).toBe(title);
		const [loser, winner, mine, theirs] =
			title === 'Plan Bob' ? [wa, wb, 'Plan Alice', 'Plan Bob'] : [wb, wa, 'Plan Bob', 'Plan Alice'];
		expect(loser.seen).toEqual([
			expect.objectContaining({ path: ['settings', 'title'], key: 'settings/title', mine, theirs })
		]);
		expect(winner.seen).toEqual([]);
		// The other writer's Yjs client is given, to name them from presence.
		expect(loser.seen[0]!.byClient).toBe(title === 'Plan Bob' ? b.clientID : a.clientID);
	});

	it('says nothing when the other person saw my value before changing it', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const wa = watch(a);
		updatePlanSettings(a, { title: 'Plan Alice' }, alice);
		aToB();
		// Bob changes it twice while offline, having seen Alice's title: both arrive in one update.
		updatePlanSettings(b, { title: 'Plan Bob' }, bob);
		updatePlanSettings(b, { title: 'Plan Bob 2' }, bob);
		bToA();
		expect(a.getMap('settings').get('title')).toBe('Plan Bob 2');
		expect(wa.seen).toEqual([]);
	});

	it('tells about a field of a record, found by its path, when the other wrote several times unaware', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const id = addBusinessObjective(a, { name: 'Croître' }, alice);
		aToB();
		const wa = watch(a);
		const wb = watch(b);
		updateBusinessObjective(a, { id, name: 'Croître de 10 %' }, alice);
		updateBusinessObjective(b, { id, name: 'Croître de 5 %' }, bob);
		updateBusinessObjective(b, { id, name: 'Croître de 8 %' }, bob);
		aToB();
		bToA();
		const name = (a.getMap('businessObjectives').get(id) as Y.Map<unknown>).get('name');
		const loser = name === 'Croître de 8 %' ? wa : wb;
		expect(loser.seen).toHaveLength(1);
		expect(loser.seen[0]!.path).toEqual(['businessObjectives', id, 'name']);
		expect(loser.seen[0]!.theirs).toBe(name);
		expect((name === 'Croître de 8 %' ? wb : wa).seen).toEqual([]);
	});

	it('says nothing when both wrote the same value, or about fields only others touched', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const wa = watch(a);
		const wb = watch(b);
		updatePlanSettings(a, { title: 'Même titre', company: 'Alice SA' }, alice);
		updatePlanSettings(b, { title: 'Même titre', year: 2028 }, bob);
		aToB();
		bToA();
		expect(wa.seen).toEqual([]);
		expect(wb.seen).toEqual([]);
	});

	it('says nothing when the record was removed by the other', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const id = addBusinessObjective(a, { name: 'Croître' }, alice);
		aToB();
		const wa = watch(a);
		updateBusinessObjective(a, { id, name: 'Croître vite' }, alice);
		removeBusinessObjective(b, { id }, bob);
		bToA();
		expect(wa.seen).toEqual([]);
	});

	it('tells once: after the notice, a later remote change of that field is ordinary', () => {
		const { a, b, aToB, bToA } = offlinePair();
		const wa = watch(a);
		updatePlanSettings(a, { title: 'Plan Alice' }, alice);
		updatePlanSettings(b, { title: 'Plan Bob' }, bob);
		aToB();
		bToA();
		const told = wa.seen.length;
		updatePlanSettings(b, { title: 'Plan Bob encore' }, bob);
		bToA();
		expect(wa.seen).toHaveLength(told);
	});

	it('gives the paths a local change wrote, for the field that made it', () => {
		const a = newPlan();
		const w = watchOverwrites(a);
		updatePlanSettings(a, { title: 'Nouveau' }, alice);
		expect(w.takeLocalPaths()).toEqual([['settings', 'title']]);
		expect(w.takeLocalPaths()).toEqual([]);
		w.destroy();
		updatePlanSettings(a, { title: 'Après' }, alice);
		expect(w.takeLocalPaths()).toEqual([]);
	});

	it('OVR-2 names the client whose value a local write replaced', () => {
		const { a, b, aToB } = offlinePair();
		const w = watchOverwrites(b);
		updatePlanSettings(a, { title: 'Par Alice' }, alice);
		aToB();
		updatePlanSettings(b, { title: 'Par Bob' }, bob);
		expect(w.replacedClient('settings/title')).toBe(a.clientID);
		updatePlanSettings(b, { title: 'Encore Bob' }, bob);
		expect(w.replacedClient('settings/title')).toBe(b.clientID);
		expect(w.replacedClient('settings/year')).toBeNull();
	});
});
