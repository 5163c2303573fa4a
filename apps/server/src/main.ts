/**
 * Entry point: `node apps/server/src/main.ts` (Node strips the types). Prints `Cap listening on <url>`
 * on stdout once the port is bound (tests read the port from it); logs go to stderr.
 */
import { ConfigError, loadConfig } from './config.ts';
import { startApp, type App } from './app.ts';
import { MembershipError } from './cluster/errors.ts';
import { DataDirLockedError } from './store/data-dir-lock.ts';
import { createLogger } from './log.ts';

let config;
try {
	config = loadConfig();
} catch (error) {
	if (!(error instanceof ConfigError)) throw error;
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
}

const log = createLogger(config.logLevel);
// Last resort: a promise that failed with nobody awaiting it is a bug to fix, not a reason to drop
// every connection (Node's default ends the process); what it was doing is logged.
process.on('unhandledRejection', (reason) => {
	log.error('unhandled promise rejection', {
		error: String(reason),
		...(reason instanceof Error && { stack: reason.stack })
	});
});
let app: App;
try {
	app = await startApp(config, { log });
} catch (error) {
	if (!(error instanceof MembershipError || error instanceof DataDirLockedError)) throw error;
	process.stderr.write(`Cap cannot start: ${error.message}\n`);
	process.exit(1);
}
process.stdout.write(`Cap listening on ${app.url}\n`);
log.info('started', {
	store: app.store.kind,
	redis: Boolean(config.redisUrl),
	dataDir: config.dataDir,
	web: config.webBuildDir
});

async function stop(signal: string): Promise<void> {
	log.info('stopping', { signal });
	try {
		await app.close();
		process.exit(0);
	} catch (error) {
		log.error('unclean stop', { error: String(error) });
		process.exit(1);
	}
}

process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
