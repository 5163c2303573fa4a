/**
 * The printed page: A4 in landscape or portrait, the plan's name and the printing date in the top margin
 * and the page number at the bottom of every page. Chromium draws CSS page-margin boxes (`@top-left`,
 * `@bottom-right`) when printing or saving a PDF; their text must be a CSS string, built here so that a
 * plan name with quotes or backslashes can never end the rule.
 */
export const ORIENTATIONS = ['landscape', 'portrait'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** A CSS string literal for any text: quotes, backslashes and line breaks escaped as code points. */
export function cssString(text: string): string {
	return `"${[...text]
		.map((c) =>
			/["\\\n\r\f]/.test(c) || c.charCodeAt(0) < 0x20 ? `\\${c.codePointAt(0)!.toString(16)} ` : c
		)
		.join('')}"`;
}

export function pageCss(options: { orientation: Orientation; header: string; footer: string }): string {
	return `@page {
	size: A4 ${options.orientation};
	margin: 16mm 12mm 14mm;
	@top-left { content: ${cssString(options.header)}; font: 8pt system-ui, sans-serif; color: #555; }
	@bottom-left { content: ${cssString(options.footer)}; font: 8pt system-ui, sans-serif; color: #555; }
	@bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; }
}`;
}

/** A Svelte action: keeps one <style> element in the document's head holding `css`, removed with the page. */
export function pageStyle(_node: HTMLElement, css: string) {
	const style = document.createElement('style');
	style.dataset.report = '';
	style.textContent = css;
	document.head.append(style);
	return {
		update(next: string) {
			style.textContent = next;
		},
		destroy() {
			style.remove();
		}
	};
}
