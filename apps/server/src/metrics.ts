/**
 * Prometheus metrics (prom-client), served at GET /metrics: connections, open plans, updates and workshop
 * commands received, refusals by reason, store batch latency, stored updates set aside. One registry per
 * app, so several apps in one process (tests) do not mix their counts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutputGate } from './output-gate.ts';
import type { WriteQueue } from './write-queue.ts';

export interface Metrics {
	registry: Registry;
	connections: Gauge;
	openDocuments: Gauge;
	updates: Counter;
	commands: Counter<'command'>;
	refusals: Counter<'reason'>;
	storeBatchSeconds: Histogram<'outcome'>;
	setAside: Counter;
}

/**
 * What waits for the store, read when /metrics is scraped: writes queued, batches in flight, bytes
 * pending (backpressure starts past HIGH_WATER_BYTES), frames held for clients until their writes commit.
 */
export function watchStoreQueue(metrics: Metrics, queue: WriteQueue, gate: OutputGate): void {
	const gauge = (name: string, help: string, read: () => number) =>
		new Gauge({
			name,
			help,
			registers: [metrics.registry],
			collect() {
				this.set(read());
			}
		});
	gauge('cap_write_queue_depth', 'Writes queued for the store, not yet sent.', () => queue.depth);
	gauge(
		'cap_write_batches_in_flight',
		'Batches of writes sent to the store, not yet settled.',
		() => queue.batchesInFlight
	);
	gauge('cap_write_pending_bytes', 'Bytes of writes queued or in flight.', () => queue.pendingBytes);
	gauge('cap_write_backpressure', '1 while clients are not read from because writes pile up.', () =>
		queue.pressed ? 1 : 0
	);
	gauge(
		'cap_held_frames',
		'Frames to clients held until the writes they report are committed.',
		() => gate.held
	);
}

export function createMetrics(): Metrics {
	const registry = new Registry();
	// The event-loop delay is sampled every 100 ms, not every 10 ms (prom-client's default): that timer
	// alone woke an idle server 100 times a second, 0.6 % of a core with 22 clients connected and silent.
	collectDefaultMetrics({ register: registry, prefix: 'cap_process_', eventLoopMonitoringPrecision: 100 });
	return {
		registry,
		connections: new Gauge({
			name: 'cap_connections',
			help: 'Open document connections (one websocket carries one per document it opened).',
			registers: [registry]
		}),
		openDocuments: new Gauge({
			name: 'cap_open_documents',
			help: 'Documents loaded in memory (plans and private workshop documents).',
			registers: [registry]
		}),
		updates: new Counter({
			name: 'cap_updates_total',
			help: 'Document updates received from clients and accepted.',
			registers: [registry]
		}),
		commands: new Counter({
			name: 'cap_workshop_commands_total',
			help: 'Workshop commands received, by command.',
			labelNames: ['command'],
			registers: [registry]
		}),
		refusals: new Counter({
			name: 'cap_refusals_total',
			help: 'Connections, messages, commands and requests refused, by reason.',
			labelNames: ['reason'],
			registers: [registry]
		}),
		storeBatchSeconds: new Histogram({
			name: 'cap_store_batch_seconds',
			help: 'Time to commit one batch of writes to the store.',
			labelNames: ['outcome'],
			buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
			registers: [registry]
		}),
		setAside: new Counter({
			name: 'cap_stored_updates_set_aside_total',
			help: 'Stored updates that could not be applied at load, kept apart (never deleted).',
			registers: [registry]
		})
	};
}
