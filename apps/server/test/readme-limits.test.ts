/** README's "Limits" table and the config's limits stay in step: every variable, with its default. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMIT_VARIABLES, loadConfig } from '../src/config.ts';
import { tempDir } from './helpers.ts';

const README = new URL('../../../README.md', import.meta.url);

/** The `variable` → `default` rows of the table under "### Limits". */
function limitsTable(): Map<string, string> {
	const text = readFileSync(README, 'utf8');
	const section = text.slice(
		text.indexOf('### Limits'),
		text.indexOf('\n### ', text.indexOf('### Limits') + 1)
	);
	const rows = new Map<string, string>();
	for (const match of section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`([^`]+)`\s*\|/gm))
		rows.set(match[1]!, match[2]!);
	return rows;
}

describe('README limits table', () => {
	it('lists every limit of the config, and nothing else', () => {
		expect([...limitsTable().keys()].sort()).toEqual([...LIMIT_VARIABLES].sort());
	});

	it("gives each limit's real default", () => {
		const base = { DATA_DIR: tempDir(), CAP_SECRET: 'x'.repeat(40) };
		const defaults = loadConfig(base).limits;
		for (const [variable, value] of limitsTable()) {
			expect(loadConfig({ ...base, [variable]: value }).limits, variable).toEqual(defaults);
		}
	});
});
