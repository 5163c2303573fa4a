/** A tiny levelled logger writing one line per event to stderr (stdout carries only the listen line). */
import type { LogLevel } from './config.ts';

export interface Logger {
	debug(message: string, fields?: Record<string, unknown>): void;
	info(message: string, fields?: Record<string, unknown>): void;
	warn(message: string, fields?: Record<string, unknown>): void;
	error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, write: (line: string) => void = defaultWrite): Logger {
	const emit = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
		if (RANK[at] < RANK[level]) return;
		const extra = fields
			? ' ' +
				Object.entries(fields)
					.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
					.join(' ')
			: '';
		write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${extra}`);
	};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function defaultWrite(line: string): void {
	process.stderr.write(`${line}\n`);
}
