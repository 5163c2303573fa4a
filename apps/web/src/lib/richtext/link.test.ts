import { describe, expect, it } from 'vitest';
import { normalizeLink } from './link.ts';

describe('normalizeLink', () => {
	it('adds https:// to a bare domain and keeps the path', () => {
		expect(normalizeLink('exemple.fr/salon')).toEqual({ ok: true, href: 'https://exemple.fr/salon' });
		expect(normalizeLink('  www.exemple.fr ')).toEqual({ ok: true, href: 'https://www.exemple.fr' });
	});
	it('keeps http and https addresses', () => {
		expect(normalizeLink('http://exemple.fr/a?b=1')).toEqual({ ok: true, href: 'http://exemple.fr/a?b=1' });
		expect(normalizeLink('https://exemple.fr/')).toEqual({ ok: true, href: 'https://exemple.fr/' });
	});
	it('makes an e-mail address a mailto link', () => {
		expect(normalizeLink('claire@exemple.fr')).toEqual({ ok: true, href: 'mailto:claire@exemple.fr' });
		expect(normalizeLink('mailto:claire@exemple.fr')).toEqual({
			ok: true,
			href: 'mailto:claire@exemple.fr'
		});
	});
	it('refuses words, spaces and other schemes', () => {
		for (const bad of [
			'',
			'pas une adresse',
			'salon',
			'javascript:alert(1)',
			'ftp://exemple.fr',
			'mailto:x'
		]) {
			expect(normalizeLink(bad)).toEqual({ ok: false });
		}
	});
});
