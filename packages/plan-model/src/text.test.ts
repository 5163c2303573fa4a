import { describe, expect, it } from 'vitest';
import { addBusinessObjective, selectBusinessObjectives, updateBusinessObjective } from './objectives.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';
import { unsafeCharacter } from './validate.ts';

describe('TXT-1 names and titles', () => {
	it('names the first control or text-direction character, and passes ordinary text', () => {
		expect(unsafeCharacter('Salon Équip’Hôtel 2027 — « lancement »')).toBeNull();
		expect(unsafeCharacter('Claire (animatrice)')).toBeNull();
		expect(unsafeCharacter('ab\u0000c')).toBe('U+0000');
		expect(unsafeCharacter('evil\u202Etxt.exe')).toBe('U+202E');
		expect(unsafeCharacter('line\nbreak')).toBe('U+000A');
		expect(unsafeCharacter('tab\there')).toBe('U+0009');
		expect(unsafeCharacter('c1\u0085')).toBe('U+0085');
		expect(unsafeCharacter('isolate\u2067x')).toBe('U+2067');
	});

	it('commands refuse such a name and keep the record as it was', () => {
		const doc = newPlan();
		expectRefused(doc, () => addBusinessObjective(doc, { name: 'CA\u202E%01+' }, alice), 'invalid_input');
		const id = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		expectRefused(doc, () => updateBusinessObjective(doc, { id, name: 'CA\u0000' }, alice), 'invalid_input');
		expect(selectBusinessObjectives(doc).map((o) => o.name)).toEqual(['CA +10 %']);
	});
});
