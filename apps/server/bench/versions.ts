/**
 * What a named version costs on disk for a 2,000-action plan (`node bench/versions.ts` in apps/server).
 * A version is a full copy of the plan document's state (encodeStateAsUpdate), stored in its own row of
 * the `versions` table; compaction of the update log never touches it. Prints the state size and the
 * growth of the SQLite file (after a WAL checkpoint) for one, then ten, versions.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import {
	addAction,
	addListItem,
	generateTenDayPeriods,
	initPlan,
	selectPeriods,
	serverOrigin
} from '@cap/plan-model';
import { openSqliteStore } from '../src/store/sqlite.ts';

const ACTIONS = Number(process.env.ACTIONS ?? 2000);
const origin = serverOrigin();
const doc = new Y.Doc();
initPlan(
	doc,
	{ title: 'PAC 2027', year: 2027, locale: 'fr', company: 'Biscuiterie', currency: 'EUR' },
	origin
);
const members = Array.from({ length: 20 }, (_, i) =>
	addListItem(doc, 'members', { name: `Membre ${i}`, capacityPerPeriod: 6 }, origin)
);
const streams = Array.from({ length: 8 }, (_, i) =>
	addListItem(doc, 'workstreams', { name: `Chantier ${i}` }, origin)
);
generateTenDayPeriods(doc, { year: 2027 }, origin);
const periods = selectPeriods(doc);
for (let i = 0; i < ACTIONS; i++) {
	const p = periods[i % periods.length]!;
	addAction(
		doc,
		{
			name: `Action ${i} — relance des distributeurs`,
			description: `Description de l'action ${i} : cible, message, canal et mesure du résultat attendu.`,
			ownerId: members[i % members.length]!,
			workstreamId: streams[i % streams.length]!,
			periodId: p.id,
			start: p.start,
			end: p.end,
			personDays: 1 + (i % 5),
			plannedCost: 500 + i
		},
		origin
	);
}

const dir = mkdtempSync(join(tmpdir(), 'cap-versions-'));
const file = join(dir, 'cap.sqlite');
const store = await openSqliteStore(file);
const state = Y.encodeStateAsUpdate(doc);
await store.createPlan(
	{ id: 'plan_bench_0000', title: 'PAC 2027', year: 2027, locale: 'fr', createdAt: Date.now() },
	state
);
const size = () => {
	const db = new Database(file);
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
	return statSync(file).size;
};
const before = size();
const save = (n: number) =>
	store.saveVersion(
		{
			id: `ver_${n}`,
			planId: 'plan_bench_0000',
			name: `v${n}`,
			authorName: 'Bench',
			authorId: 'bench',
			createdAt: Date.now() + n,
			bytes: state.byteLength
		},
		state
	);
await save(0);
const one = size() - before;
for (let n = 1; n < 10; n++) await save(n);
const ten = size() - before;
await store.close();
rmSync(dir, { recursive: true, force: true });
const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
console.log(
	`${ACTIONS} actions: state ${kb(state.byteLength)} (gzip would give ${kb(gzipSync(state).byteLength)}); ` +
		`SQLite file +${kb(one)} for one version, +${kb(ten)} for ten`
);
