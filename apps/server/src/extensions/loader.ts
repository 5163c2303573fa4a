/**
 * Upgrades a plan document written by an older schema as it loads, before any client receives it,
 * so clients only ever see the current layout. Runs after the persistence extension has replayed
 * the stored log; the migration's own update is stored by the persistence extension's listener.
 */
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import { parseDocumentName } from '@cap/protocol';
import type { Logger } from '../log.ts';
import { migratePlan } from '../plan.ts';

export function loaderExtension(log: Logger): Extension {
	return {
		extensionName: 'cap-loader',
		priority: 100,
		async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
			// Private documents are not plans: they have no schema to migrate.
			if (parseDocumentName(documentName)?.kind !== 'plan') return;
			const result = migratePlan(document);
			if (result.changed) log.info('migrated plan', { doc: documentName, from: result.from, to: result.to });
		}
	};
}
