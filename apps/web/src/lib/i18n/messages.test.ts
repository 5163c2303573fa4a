// Every message exists in both languages, with the same placeholders, and none is left empty.
import { describe, expect, it } from 'vitest';
import settings from '../../../project.inlang/settings.json' with { type: 'json' };

// Every message file the inlang project reads (one per area), merged per locale. A key defined twice
// would silently shadow another, so that is refused too.
/** A message is a pattern, or (plurals) a list of variants whose `match` maps selectors to patterns. */
type Message = string | { match: Record<string, string> }[];
const files = import.meta.glob<Record<string, Message>>('../../../messages/**/*.json', {
	eager: true,
	import: 'default'
});
function merged(locale: string): Record<string, Message> {
	const out: Record<string, Message> = {};
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

const keys = (messages: Record<string, Message>) =>
	Object.keys(messages)
		.filter((k) => k !== '$schema')
		.sort();
/** Every pattern of a message: itself, or each variant of a plural. */
const patterns = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
const placeholders = (message: Message) =>
	[...new Set(patterns(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

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
		for (const [key, message] of Object.entries(fr)) {
			if (key === '$schema') continue;
			for (const text of [...patterns(message), ...patterns(en[key] ?? '')])
				expect(text.trim(), key).not.toBe('');
			expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(message));
		}
	});
});
