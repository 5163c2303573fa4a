/**
 * The sync server: Hocuspocus with one small extension per concern. Order matters only where a
 * priority says so: limits (1000) validates a message, then the guard (310) refuses a client update that
 * writes what its role may not (plan-model's write table), before Hocuspocus applies it; persistence (200)
 * loads a document before the loader (100) migrates it.
 */
import { Hocuspocus } from '@hocuspocus/server';
import { authExtension } from './extensions/auth.ts';
import { guardExtension } from './extensions/guard.ts';
import { limitsExtension } from './extensions/limits.ts';
import { loaderExtension } from './extensions/loader.ts';
import { loggingExtension } from './extensions/logging.ts';
import { workshopExtension } from './extensions/workshop.ts';
import { persistenceExtension, type PersistenceExtension } from './extensions/persistence.ts';
import type { Limits } from './config.ts';
import { metricsExtension } from './extensions/metrics.ts';
import { sessionsExtension } from './extensions/sessions.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
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
	tokens: Tokens;
	log: Logger;
	limits: Limits;
	metrics: Metrics;
	/** Debounce of compaction (Hocuspocus's onStoreDocument). Durability does not depend on it. */
	compactDebounceMs?: number;
}

export function createSyncServer({
	store,
	queue,
	tokens,
	log,
	limits,
	metrics,
	compactDebounceMs = 2_000
}: SyncOptions): SyncServer {
	const logging = loggingExtension(log);
	const refused = (reason: string) => metrics.refusals.inc({ reason });
	const persistence = persistenceExtension(store, queue, log, { onSetAside: () => metrics.setAside.inc() });
	const workshop = workshopExtension(store, log, { queue, commandRate: limits.commandRate, metrics });
	const hocuspocus = new Hocuspocus({
		name: 'cap',
		quiet: true,
		debounce: compactDebounceMs,
		maxDebounce: compactDebounceMs * 5,
		extensions: [
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
			// After auth (same default priority, array order): private documents become read-only.
			workshop,
			guardExtension(log, {
				maxPlanBytes: limits.maxPlanBytes,
				storedBytes: (documentName) => persistence.storedBytes(documentName),
				onRefused: refused,
				onAccepted: () => metrics.updates.inc()
			}),
			persistence,
			loaderExtension(log),
			logging,
			metricsExtension(metrics)
		]
	});
	workshop.attach(hocuspocus);
	persistence.attach(hocuspocus);
	return { hocuspocus, persistence };
}
