import { describe, expect, it } from 'vitest';
import { cssString, pageCss } from './page.ts';

describe('printed page', () => {
	it('puts the plan name, date and page number in the page margins, whatever the name holds', () => {
		const css = pageCss({ orientation: 'portrait', header: 'Plan "2027" \\ Nord', footer: '7 déc. 2026' });
		expect(css).toContain('size: A4 portrait');
		expect(css).toContain('@top-left { content: "Plan \\22 2027\\22  \\5c  Nord"');
		expect(css).toContain('counter(page)');
		expect(cssString('a\nb')).toBe('"a\\a b"');
	});
});
