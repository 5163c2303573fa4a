/**
 * The sync server: Hocuspocus with one small extension per concern. Order matters only where a
 * priority says so: limits (1000) validates a message, then the guard (310) refuses a client update that
 * writes what its role may not (plan-model's write table), before Hocuspocus applies it, and tells the
 * early relay which copies may leave before the store has them; persistence (200) loads a document before
 * the loader (100) migrates it.
 */
import { Hocuspocus } from '@hocuspocus/server';
import { parseDocumentName } from '@cap/protocol';
import type { ClusterNode } from './cluster/index.ts';
import { authExtension } from './extensions/auth.ts';
import { earlyRelayExtension } from './extensions/early-relay.ts';
import { guardExtension } from './extensions/guard.ts';
import { limitsExtension } from './extensions/limits.ts';
import { loaderExtension } from './extensions/loader.ts';
import { loggingExtension } from './extensions/logging.ts';
import { workshopExtension } from './extensions/workshop.ts';
import { peopleExtension } from './extensions/people.ts';
import { persistenceExtension, type PersistenceExtension } from './extensions/persistence.ts';
import type { Limits } from './config.ts';
import { metricsExtension } from './extensions/metrics.ts';
import { sessionsExtension } from './extensions/sessions.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { OutputGate } from './output-gate.ts';
import type { Store } from './store/types.ts';
import type { Tokens } from './tokens.ts';
import type { WriteQueue } from './write-queue.ts';

export interface SyncServer {
	hocuspocus: Hocuspocus;
	persistence: PersistenceExtension;
}

export interface SyncOptions {
	store: Store;
	/** Every write to the store goes through it (group commit). */
	queue: WriteQueue;
	/** Holds every frame to a client until what it reports is stored (output-gate.ts). */
	gate: OutputGate;
	tokens: Tokens;
	log: Logger;
	limits: Limits;
	metrics: Metrics;
	/** Debounce of compaction (Hocuspocus's onStoreDocument). Durability does not depend on it. */
	compactDebounceMs?: number;
	/** Several processes on one PostgreSQL (cluster/index.ts); null when this one is alone. */
	cluster?: ClusterNode | null;
}

export function createSyncServer({
	store,
	queue,
	gate,
	tokens,
	log,
	limits,
	metrics,
	compactDebounceMs = 2_000,
	cluster = null
}: SyncOptions): SyncServer {
	const logging = loggingExtension(log);
	const refused = (reason: string) => metrics.refusals.inc({ reason });
	const relay = cluster?.relay ?? null;
	const membership = cluster?.membership;
	const planOf = (name: string) => parseDocumentName(name)?.planId ?? name;
	const persistence = persistenceExtension(store, queue, log, {
		onSetAside: () => metrics.setAside.inc(),
		// With several processes, only the plan's owner compacts its documents.
		...(relay &&
			membership && {
				mayCompact: (name: string) => membership.tryOwn(planOf(name)),
				fenceOf: (name: string) => membership.fenceOf(planOf(name)),
				onFenced: (planId: string) => workshop.release(planId)
			})
	});
	const workshop = workshopExtension(
		store,
		log,
		{ queue, commandRate: limits.commandRate, metrics, ...(relay && { answers: relay.answers }) },
		relay && membership
			? {
					router: relay.router,
					async released(planId) {
						// Whatever this process wrote is committed before another one may take over.
						await queue.drain();
						await membership.release(planId);
					}
				}
			: null
	);
	const earlyRelay = earlyRelayExtension(gate);
	const hocuspocus = new Hocuspocus({
		name: 'cap',
		quiet: true,
		debounce: compactDebounceMs,
		maxDebounce: compactDebounceMs * 5,
		extensions: [
			...(relay ? [relay.extension] : []),
			limitsExtension(log, { limits, onRefused: refused }),
			authExtension({
				tokens,
				store,
				limits,
				onRefused: (documentName, reason) => {
					refused(reason);
					logging.refused(documentName, reason);
				}
			}),
			sessionsExtension(tokens, log),
			peopleExtension(log),
			// After auth (same default priority, array order): private documents become read-only.
			workshop,
			guardExtension(log, {
				maxPlanBytes: limits.maxPlanBytes,
				storedBytes: (documentName) => persistence.storedBytes(documentName),
				recount: (documentName) => persistence.recount(documentName),
				onRefused: refused,
				onAccepted: () => metrics.updates.inc(),
				vouch: (connection, editorsMayWrite) => earlyRelay.vouch(connection, editorsMayWrite),
				...(relay && { refresh: (name: string) => persistence.refresh(name) })
			}),
			earlyRelay,
			persistence,
			loaderExtension(log),
			logging,
			metricsExtension(metrics)
		]
	});
	workshop.attach(hocuspocus);
	persistence.attach(hocuspocus);
	// Taking over a plan: catch up with everything its previous owner committed before acting on it.
	membership?.onAcquired(async (planId) => {
		const names = [...hocuspocus.documents.keys()].filter((name) => planOf(name) === planId);
		await Promise.all(names.map((name) => persistence.refresh(name)));
	});
	return { hocuspocus, persistence };
}
