// Every message exists in both languages, with the same placeholders, and none is left empty.
import { describe, expect, it } from 'vitest';
import settings from '../../../project.inlang/settings.json' with { type: 'json' };

// Every message file the inlang project reads (one per area), merged per locale. A key defined twice
// would silently shadow another, so that is refused too.
const files = import.meta.glob<Record<string, string>>('../../../messages/**/*.json', {
	eager: true,
	import: 'default'
});
function merged(locale: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [path, messages] of Object.entries(files)) {
		if (!path.endsWith(`/${locale}.json`)) continue;
		for (const [key, text] of Object.entries(messages)) {
			if (key === '$schema') continue;
			if (key in out) throw new Error(`message ${key} is defined twice (${path})`);
			out[key] = text;
		}
	}
	return out;
}
const fr = merged('fr');
const en = merged('en');

const keys = (messages: Record<string, string>) =>
	Object.keys(messages)
		.filter((k) => k !== '$schema')
		.sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
	it('every message file is read by the inlang project', () => {
		const patterns = settings['plugin.inlang.messageFormat'].pathPattern as string[];
		const dirs = Object.keys(files).map((path) => path.replace('../../../messages', './messages'));
		for (const file of dirs) {
			expect(patterns.map((p) => p.replace('{locale}', file.endsWith('/fr.json') ? 'fr' : 'en'))).toContain(
				file
			);
		}
	});
	it('French and English have the same keys', () => {
		expect(keys(en)).toEqual(keys(fr));
	});
	it('each message has the same placeholders in both languages and is not empty', () => {
		const english = en as Record<string, string>;
		for (const [key, text] of Object.entries(fr as Record<string, string>)) {
			if (key === '$schema') continue;
			expect(text.trim(), key).not.toBe('');
			expect(placeholders(english[key] ?? ''), key).toEqual(placeholders(text));
		}
	});
});
