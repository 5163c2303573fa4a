// What a refused change would have done, named for the person: only this device's own changes, never
// what others changed meanwhile.
import { addIdeaGroup, initPlan, serverOrigin, updatePlanSettings, userOrigin } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { droppedRecords } from './dropped.ts';

function replicas() {
	const server = new Y.Doc();
	initPlan(server, { title: 'Plan 2027', year: 2027 }, serverOrigin());
	const local = new Y.Doc();
	Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
	return { server, local };
}

describe('droppedRecords', () => {
	it('names the records this device created or changed that the server does not hold', () => {
		const { server, local } = replicas();
		const id = addIdeaGroup(local, { name: 'Salons régionaux' }, userOrigin('karim'));
		updatePlanSettings(local, { company: 'Acme' }, userOrigin('karim'));
		expect(droppedRecords(server, local)).toEqual([
			{ root: 'settings', id: 'company', name: null },
			{ root: 'ideaGroups', id, name: 'Salons régionaux' }
		]);
	});

	it('lists nothing for what others changed meanwhile, nor when the server holds everything', () => {
		const { server, local } = replicas();
		addIdeaGroup(server, { name: 'Prospection' }, userOrigin('marie'));
		expect(droppedRecords(server, local)).toEqual([]);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
		expect(droppedRecords(server, local)).toEqual([]);
	});

	it('names a removed record by what it was, and shortens long names', () => {
		const { server, local } = replicas();
		const id = addIdeaGroup(server, { name: 'x'.repeat(80) }, userOrigin('marie'));
		Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
		local.getMap('ideaGroups').delete(id);
		const [record] = droppedRecords(server, local);
		expect(record).toMatchObject({ root: 'ideaGroups', id });
		expect(record!.name).toHaveLength(60);
		expect(record!.name!.endsWith('…')).toBe(true);
	});
});
