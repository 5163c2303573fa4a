/**
 * Creating, versioning and observing a plan document.
 *
 *   meta: Y.Map<'schemaVersion' | 'createdAt', number>
 *
 * `schemaVersion` says which layout the document follows. `migrate` upgrades older documents step by step;
 * each step is idempotent, so the server and a client migrating the same old document concurrently
 * converge on the same result (MIG-1, MIG-2). Run it with the migration origin, ideally on the server
 * when it loads a document, before clients receive it.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import { MIGRATION_ORIGIN, type Origin } from './origin.ts';
import { now } from './runtime.ts';
import { PLAN_ROOT_KEYS, rootMap, SCHEMA_VERSION } from './schema.ts';
import { DEFAULT_CURRENCY, DEFAULT_LOCALE, settingsInput } from './settings.ts';
import { parse } from './validate.ts';

export function getSchemaVersion(doc: Y.Doc): number {
	const v = rootMap(doc, 'meta').get('schemaVersion');
	return typeof v === 'number' ? v : 0;
}

/** True once initPlan (or a migration) has given the document a schema version. */
export function isPlanInitialized(doc: Y.Doc): boolean {
	return getSchemaVersion(doc) > 0;
}

const initInput = v.object({
	...v.required(settingsInput, ['title', 'year']).entries,
	locale: v.optional(settingsInput.entries.locale.wrapped, DEFAULT_LOCALE),
	currency: v.optional(settingsInput.entries.currency.wrapped, DEFAULT_CURRENCY),
	company: settingsInput.entries.company
});
export type InitPlanProps = v.InferInput<typeof initInput>;

/** Creates a new plan's structure: every root map, the schema version and the settings (SET-*, MIG-1). */
export function initPlan(doc: Y.Doc, props: InitPlanProps, origin: Origin): void {
	const p = parse(initInput, props);
	if (isPlanInitialized(doc)) throw new PlanError('conflict', null, 'This document already holds a plan');
	doc.transact(() => {
		for (const key of PLAN_ROOT_KEYS) rootMap(doc, key);
		const meta = rootMap(doc, 'meta');
		meta.set('schemaVersion', SCHEMA_VERSION);
		meta.set('createdAt', now());
		const settings = rootMap(doc, 'settings');
		settings.set('title', p.title);
		settings.set('year', p.year);
		settings.set('locale', p.locale);
		settings.set('currency', p.currency);
		settings.set('company', p.company ?? null);
	}, origin);
}

interface MigrationStep {
	to: number;
	/** Must be idempotent and must not create nested Y types inside existing records. */
	run: (doc: Y.Doc) => void;
}

/**
 * Version 0 is the settings-only document the first prototype wrote (no meta map, possibly no locale or
 * currency). Version 1 adds the whole-plan layout; root maps need no creation, so the step only fills
 * settings defaults.
 */
const MIGRATIONS: MigrationStep[] = [
	{
		to: 1,
		run: (doc) => {
			const settings = rootMap(doc, 'settings');
			if (typeof settings.get('locale') !== 'string') settings.set('locale', DEFAULT_LOCALE);
			if (typeof settings.get('currency') !== 'string') settings.set('currency', DEFAULT_CURRENCY);
			if (typeof settings.get('title') !== 'string') settings.set('title', '');
		}
	}
];

export interface MigrateResult {
	from: number;
	to: number;
	/** False when the document was already current and nothing was written. */
	changed: boolean;
}

/** Upgrades `doc` to SCHEMA_VERSION in one transaction with the migration origin (MIG-1..MIG-3). */
export function migrate(doc: Y.Doc, origin: Origin = MIGRATION_ORIGIN): MigrateResult {
	const from = getSchemaVersion(doc);
	if (from > SCHEMA_VERSION) {
		throw new PlanError(
			'unsupported_version',
			null,
			`Document schema ${from} is newer than this code (${SCHEMA_VERSION})`
		);
	}
	if (from === SCHEMA_VERSION) return { from, to: from, changed: false };
	// A brand-new empty document is not a v0 plan: leave it for initPlan rather than stamping a version
	// on it (which would make initPlan refuse it).
	if (from === 0 && rootMap(doc, 'settings').size === 0) return { from, to: from, changed: false };
	doc.transact(() => {
		for (const step of MIGRATIONS) if (step.to > from) step.run(doc);
		rootMap(doc, 'meta').set('schemaVersion', SCHEMA_VERSION);
	}, origin);
	return { from, to: SCHEMA_VERSION, changed: true };
}
