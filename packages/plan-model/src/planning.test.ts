import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addAction, selectActions, updateAction } from './actions.ts';
import { addListItem } from './lists.ts';
import { generateTenDayPeriods } from './periods.ts';
import { initPlan } from './plan.ts';
import { findScheduleConflicts, moveAction, planMove, setActionPeriod } from './planning.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';
import { createPeers, type TestPeer } from './testing/index.ts';

const span = (doc: Y.Doc, id: string) => {
	const a = selectActions(doc).find((x) => x.id === id);
	return `${a?.start}..${a?.end}`;
};

function countUpdates(doc: Y.Doc, fn: () => void): number {
	let n = 0;
	const count = () => n++;
	doc.on('update', count);
	try {
		fn();
	} finally {
		doc.off('update', count);
	}
	return n;
}

describe('planning', () => {
	it('PLAN-6 a dependent starting on or before its prerequisite last day is a conflict', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'Brief', start: '2027-01-04', end: '2027-01-08' }, alice);
		const b = addAction(doc, { name: 'Mailing', start: '2027-01-08', dependsOn: [a] }, alice);
		const c = addAction(doc, { name: 'Relance', start: '2027-01-09', dependsOn: [a] }, alice);
		addAction(doc, { name: 'Sans date', dependsOn: [a] }, alice);
		const oneDay = addAction(doc, { name: 'Réunion', start: '2027-02-01' }, alice);
		const d = addAction(doc, { name: 'Compte rendu', start: '2027-02-01', dependsOn: [oneDay] }, alice);
		expect(findScheduleConflicts(doc)).toEqual(
			[
				{
					actionId: b,
					dependsOnId: a,
					start: '2027-01-08',
					prerequisiteEnd: '2027-01-08',
					earliestStart: '2027-01-09'
				},
				{
					actionId: d,
					dependsOnId: oneDay,
					start: '2027-02-01',
					prerequisiteEnd: '2027-02-01',
					earliestStart: '2027-02-02'
				}
			].sort((x, y) => (x.actionId < y.actionId ? -1 : 1))
		);
		expect(findScheduleConflicts(doc).some((x) => x.actionId === c)).toBe(false);
		updateAction(doc, { id: b, status: 'dropped' }, alice);
		updateAction(doc, { id: oneDay, status: 'dropped' }, alice);
		expect(findScheduleConflicts(doc)).toEqual([]);
	});

	it('PLAN-5 PLAN-6 moving later keeps the duration and reports the dependents now too early', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'Brief', start: '2027-01-04', end: '2027-01-08' }, alice);
		const b = addAction(
			doc,
			{ name: 'Mailing', start: '2027-01-11', end: '2027-01-12', dependsOn: [a] },
			alice
		);
		const preview = planMove(doc, { id: a, start: '2027-01-11' });
		expect(span(doc, a)).toBe('2027-01-04..2027-01-08');
		const result = moveAction(doc, { id: a, start: '2027-01-11' }, alice);
		expect(result).toEqual(preview);
		expect(result.changes).toEqual([{ id: a, start: '2027-01-11', end: '2027-01-15' }]);
		expect(result.conflicts).toEqual([
			{
				actionId: b,
				dependsOnId: a,
				start: '2027-01-11',
				prerequisiteEnd: '2027-01-15',
				earliestStart: '2027-01-16'
			}
		]);
		expect(findScheduleConflicts(doc)).toEqual(result.conflicts);
		expect(span(doc, b)).toBe('2027-01-11..2027-01-12');
		// An explicit end, or keepDuration: false, sets the end.
		moveAction(doc, { id: a, start: '2027-01-05', end: '2027-01-06' }, alice);
		expect(span(doc, a)).toBe('2027-01-05..2027-01-06');
		moveAction(doc, { id: a, start: '2027-01-06', keepDuration: false }, alice);
		expect(span(doc, a)).toBe('2027-01-06..2027-01-06');
		expectRefused(
			doc,
			() => moveAction(doc, { id: a, start: '2027-01-07', keepDuration: false }, alice),
			'invalid_input',
			'end'
		);
		expectRefused(
			doc,
			() => moveAction(doc, { id: a, start: '2027-01-07', end: '2027-01-01' }, alice),
			'invalid_input',
			'end'
		);
		expectRefused(
			doc,
			() => moveAction(doc, { id: 'missing', start: '2027-01-07' }, alice),
			'not_found',
			'id'
		);
	});

	it('PLAN-5 shiftDependents pushes dependents transitively, keeping durations, in one transaction', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A', start: '2027-01-04', end: '2027-01-08' }, alice);
		const b = addAction(doc, { name: 'B', start: '2027-01-11', end: '2027-01-12', dependsOn: [a] }, alice);
		const c = addAction(doc, { name: 'C', start: '2027-01-13', end: '2027-01-20', dependsOn: [b] }, alice);
		const x = addAction(doc, { name: 'X', start: '2027-01-20', end: '2027-01-30' }, alice);
		const d = addAction(doc, { name: 'D', start: '2027-02-01', dependsOn: [b, x] }, alice);
		const e = addAction(doc, { name: 'E', dependsOn: [c] }, alice);
		let result: ReturnType<typeof moveAction> | undefined;
		const updates = countUpdates(doc, () => {
			result = moveAction(doc, { id: a, start: '2027-01-11' }, alice, { shiftDependents: true });
		});
		expect(updates).toBe(1);
		expect(result?.changes).toEqual([
			{ id: a, start: '2027-01-11', end: '2027-01-15' },
			{ id: b, start: '2027-01-16', end: '2027-01-17' },
			{ id: c, start: '2027-01-18', end: '2027-01-25' }
		]);
		expect(result?.conflicts).toEqual([]);
		expect([span(doc, d), span(doc, e)]).toEqual(['2027-02-01..null', 'null..null']);
		expect(findScheduleConflicts(doc)).toEqual([]);
		// Moving earlier never pulls dependents.
		const back = moveAction(doc, { id: a, start: '2027-01-04' }, alice, { shiftDependents: true });
		expect(back.changes).toHaveLength(1);
		expect(span(doc, b)).toBe('2027-01-16..2027-01-17');
	});

	it('PLAN-5 ACT-2 a move past a recurrence end is refused, for the action or a shifted dependent', () => {
		const doc = newPlan();
		const recurrence = { freq: 'weekly' as const, interval: 1, until: '2027-01-31' };
		const a = addAction(doc, { name: 'A', start: '2027-01-04', end: '2027-01-08', recurrence }, alice);
		expectRefused(
			doc,
			() => moveAction(doc, { id: a, start: '2027-02-01' }, alice),
			'invalid_input',
			'start'
		);
		const b = addAction(doc, { name: 'B', start: '2027-01-10', end: '2027-01-12' }, alice);
		addAction(doc, { name: 'C', start: '2027-01-13', dependsOn: [b], recurrence }, alice);
		expectRefused(
			doc,
			() => moveAction(doc, { id: b, start: '2027-01-30' }, alice, { shiftDependents: true }),
			'conflict',
			'shiftDependents'
		);
		// Without shifting, the move is allowed and the conflict reported.
		expect(moveAction(doc, { id: b, start: '2027-01-30' }, alice).conflicts).toHaveLength(1);
	});

	it('PLAN-3 PLAN-5 setActionPeriod assigns a period and optionally aligns the dates', () => {
		const doc = newPlan();
		const [, p2, p3] = generateTenDayPeriods(doc, { year: 2027 }, alice) as [string, string, string];
		const a = addAction(doc, { name: 'A', start: '2027-01-04', end: '2027-01-06' }, alice);
		const b = addAction(doc, { name: 'B', start: '2027-01-07', dependsOn: [a] }, alice);
		const u = addAction(doc, { name: 'Sans date' }, alice);
		setActionPeriod(doc, { id: a, periodId: p2 }, alice);
		expect(selectActions(doc)[0]).toMatchObject({ periodId: p2, start: '2027-01-04', end: '2027-01-06' });
		const result = setActionPeriod(doc, { id: a, periodId: p3, alignDates: true }, alice, {
			shiftDependents: true
		});
		expect(result.changes).toEqual([
			{ id: a, start: '2027-01-21', end: '2027-01-23' },
			{ id: b, start: '2027-01-24', end: null }
		]);
		expect(selectActions(doc)[0]?.periodId).toBe(p3);
		setActionPeriod(doc, { id: u, periodId: p2, alignDates: true }, alice);
		expect(span(doc, u)).toBe('2027-01-11..2027-01-20');
		setActionPeriod(doc, { id: u, periodId: null }, alice);
		expect(selectActions(doc).find((x) => x.id === u)?.periodId).toBeNull();
		expectRefused(
			doc,
			() => setActionPeriod(doc, { id: u, periodId: null, alignDates: true }, alice),
			'invalid_input',
			'alignDates'
		);
		expectRefused(
			doc,
			() => setActionPeriod(doc, { id: u, periodId: 'missing' }, alice),
			'not_found',
			'periodId'
		);
	});

	it('PLAN-7 concurrent edits of different fields of one action both survive on both peers', () => {
		const net = createPeers({ peers: 2, seed: 11 });
		try {
			const [pa, pb] = net.peers as [TestPeer, TestPeer];
			initPlan(pa.doc, { title: 'Plan', year: 2027 }, pa.origin);
			const lea = addListItem(pa.doc, 'members', { name: 'Léa' }, pa.origin);
			const id = addAction(pa.doc, { name: 'Salon', plannedCost: 1000 }, pa.origin);
			net.flushAll();
			updateAction(pa.doc, { id, ownerId: lea }, pa.origin);
			updateAction(pb.doc, { id, plannedCost: 2500 }, pb.origin);
			net.compare();
			for (const peer of [pa, pb]) {
				expect(selectActions(peer.doc)[0]).toMatchObject({ ownerId: lea, plannedCost: 2500 });
			}
		} finally {
			net.destroy();
		}
	});

	it('PLAN-7 concurrent edits of the same field, and concurrent moves, converge to one value', () => {
		const net = createPeers({ peers: 2, seed: 12 });
		try {
			const [pa, pb] = net.peers as [TestPeer, TestPeer];
			initPlan(pa.doc, { title: 'Plan', year: 2027 }, pa.origin);
			const id = addAction(
				pa.doc,
				{ name: 'Salon', personDays: 1, start: '2027-03-01', end: '2027-03-03' },
				pa.origin
			);
			net.flushAll();
			updateAction(pa.doc, { id, personDays: 3 }, pa.origin);
			updateAction(pb.doc, { id, personDays: 5 }, pb.origin);
			moveAction(pa.doc, { id, start: '2027-04-01' }, pa.origin);
			moveAction(pb.doc, { id, start: '2027-05-10', end: '2027-05-20' }, pb.origin);
			net.compare();
			const [x, y] = [selectActions(pa.doc)[0], selectActions(pb.doc)[0]];
			expect(x).toEqual(y);
			expect([3, 5]).toContain(x?.personDays);
			// start and end come from the same move, never mixed.
			expect(['2027-04-01..2027-04-03', '2027-05-10..2027-05-20']).toContain(`${x?.start}..${x?.end}`);
		} finally {
			net.destroy();
		}
	});

	it.each([0, 1])(
		"PLAN-7 a move changing only the start never pairs with another person's end (peer %i keeps its end)",
		(keeper) => {
			const net = createPeers({ peers: 2, seed: 13 });
			try {
				const [pa, pb] = net.peers as [TestPeer, TestPeer];
				initPlan(pa.doc, { title: 'Plan', year: 2027 }, pa.origin);
				const id = addAction(pa.doc, { name: 'Salon', start: '2027-03-01', end: '2027-03-10' }, pa.origin);
				net.flushAll();
				const [k, other] = keeper === 0 ? [pa, pb] : [pb, pa];
				moveAction(k.doc, { id, start: '2027-03-05', keepDuration: false }, k.origin);
				moveAction(other.doc, { id, start: '2027-02-01', end: '2027-02-03' }, other.origin);
				net.compare();
				const a = selectActions(pa.doc)[0];
				expect(['2027-03-05..2027-03-10', '2027-02-01..2027-02-03']).toContain(`${a?.start}..${a?.end}`);
			} finally {
				net.destroy();
			}
		}
	);
});
