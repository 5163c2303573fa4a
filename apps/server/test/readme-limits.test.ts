/**
 * README's "Settings" and "Limits" tables and the config stay in step: every variable, with its default.
 * A default cell that is one code span (`12h`) is the config's default as written; any other cell
 * ("(unset)", "generated in `DATA_DIR`") says the config has none of its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultText, LIMIT_VARIABLES, loadConfig, SETTING_VARIABLES } from '../src/config.ts';
import { tempDir } from './helpers.ts';

const README = new URL('../../../README.md', import.meta.url);

/** The `variable` → default cell rows of the table under `heading`. */
function table(heading: string): Map<string, string> {
	const text = readFileSync(README, 'utf8');
	const start = text.indexOf(heading);
	const section = text.slice(start, text.indexOf('\n### ', start + 1));
	const rows = new Map<string, string>();
	for (const match of section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*([^|]*?)\s*\|/gm))
		rows.set(match[1]!, match[2]!);
	return rows;
}

/** The default a cell states: the text of a cell that is one code span, else undefined. */
function statedDefault(cell: string): string | undefined {
	return /^`([^`]+)`$/.exec(cell)?.[1];
}

describe('README settings table', () => {
	it('lists every setting of the config but the limits, and nothing else', () => {
		expect([...table('### Settings').keys()].sort()).toEqual([...SETTING_VARIABLES].sort());
	});

	it("gives each setting's real default, or says it has none", () => {
		for (const [variable, cell] of table('### Settings'))
			expect(statedDefault(cell), variable).toBe(defaultText(variable));
	});
});

describe('README limits table', () => {
	it('lists every limit of the config, and nothing else', () => {
		expect([...table('### Limits').keys()].sort()).toEqual([...LIMIT_VARIABLES].sort());
	});

	it("gives each limit's real default", () => {
		const base = { DATA_DIR: tempDir(), CAP_SECRET: 'x'.repeat(40) };
		const defaults = loadConfig(base).limits;
		for (const [variable, cell] of table('### Limits')) {
			expect(statedDefault(cell), variable).toBe(defaultText(variable));
			expect(loadConfig({ ...base, [variable]: statedDefault(cell) }).limits, variable).toEqual(defaults);
		}
	});
});
