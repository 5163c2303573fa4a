// Every message exists in both languages, with the same placeholders, and none is left empty.
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json' with { type: 'json' };
import fr from '../../../messages/fr.json' with { type: 'json' };

const keys = (messages: Record<string, string>) =>
	Object.keys(messages)
		.filter((k) => k !== '$schema')
		.sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
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
