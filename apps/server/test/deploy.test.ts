/**
 * The shipped reverse proxy configuration (deploy/nginx.conf) keeps /metrics off the public side. nginx is
 * not installed where the tests run, so this reads the configuration: every public server block answers
 * /metrics itself, before its catch-all location hands anything to Cap.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CONF = readFileSync(new URL('../../../deploy/nginx.conf', import.meta.url), 'utf8');

/** The bodies of the top-level `server { … }` blocks of the http block (braces balanced). */
function serverBlocks(conf: string): string[] {
	const blocks: string[] = [];
	for (const match of conf.matchAll(/^\s*server\s*\{/gm)) {
		let depth = 0;
		let i = match.index + match[0].length - 1;
		const start = i;
		for (; i < conf.length; i++) {
			if (conf[i] === '{') depth++;
			else if (conf[i] === '}' && --depth === 0) break;
		}
		blocks.push(conf.slice(start + 1, i));
	}
	return blocks;
}

describe('deploy/nginx.conf', () => {
	it('answers /metrics with 404 on every public server, never passing it to Cap', () => {
		const servers = serverBlocks(CONF);
		expect(servers.length).toBeGreaterThan(0);
		for (const server of servers) {
			const metrics = /location\s*=\s*\/metrics\s*\{([^}]*)\}/.exec(server);
			expect(metrics?.[1]).toMatch(/^\s*return\s+404;\s*$/);
			expect(metrics?.[1]).not.toMatch(/proxy_pass/);
		}
	});
});
