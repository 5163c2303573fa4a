// A count inside a sentence is a number like any other: grouped the way the reader's language groups
// digits ("2 500" in French, "2,500" in English), and its noun agrees with it (Intl plural rules).
import { describe, expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';

describe('counts in messages', () => {
	it('are grouped by Intl and agree in number, in French and in English', () => {
		expect(m.act_paste_create({ count: 2500 }, { locale: 'fr' })).toMatch(/^Créer 2\s500 actions$/);
		expect(m.act_paste_create({ count: 1 }, { locale: 'fr' })).toBe('Créer 1 action');
		expect(m.act_paste_create({ count: 2500 }, { locale: 'en' })).toMatch(/2,500 actions/);
		expect(m.cmt_unread({ count: 1200 }, { locale: 'en' })).toBe('1,200 unread');
		expect(m.cmt_unread({ count: 1 }, { locale: 'fr' })).toBe('1 non lu');
	});
});
