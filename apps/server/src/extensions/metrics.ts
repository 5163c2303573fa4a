/** Keeps the connection and open-document gauges of /metrics (metrics.ts) up to date. */
import type { Extension } from '@hocuspocus/server';
import type { Metrics } from '../metrics.ts';

export function metricsExtension(metrics: Metrics): Extension {
	return {
		extensionName: 'cap-metrics',
		async connected() {
			metrics.connections.inc();
		},
		async onDisconnect() {
			metrics.connections.dec();
		},
		async afterLoadDocument() {
			metrics.openDocuments.inc();
		},
		async afterUnloadDocument() {
			metrics.openDocuments.dec();
		}
	};
}
