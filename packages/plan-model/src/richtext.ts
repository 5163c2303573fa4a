/**
 * Rich text fields (an action's description, an objective's rationale) are Y.XmlFragments nested in their
 * record, in the shape Tiptap's Collaboration extension edits: block elements ('paragraph') holding
 * Y.XmlText. Commands accept plain text (one paragraph per line); the editor binds to the fragment itself
 * through the `get...Fragment` accessors.
 */
import * as Y from 'yjs';
import type { Rec } from './schema.ts';

/** Replaces the fragment's content with one paragraph per line. Call inside a transaction. */
export function writePlainText(fragment: Y.XmlFragment, text: string): void {
	if (fragment.length > 0) fragment.delete(0, fragment.length);
	if (text === '') return;
	const paragraphs = text.split('\n').map((line) => {
		const p = new Y.XmlElement('paragraph');
		if (line !== '') p.insert(0, [new Y.XmlText(line)]);
		return p;
	});
	fragment.insert(0, paragraphs);
}

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert?: unknown }[])
			.map((d) => (typeof d.insert === 'string' ? d.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
	return '';
}

/** The fragment's text, one line per top-level block. */
export function readPlainText(fragment: unknown): string {
	if (!(fragment instanceof Y.XmlFragment)) return '';
	return fragment.toArray().map(textOf).join('\n');
}

export function richText(rec: Rec | undefined, field: string): Y.XmlFragment | null {
	const v = rec?.get(field);
	return v instanceof Y.XmlFragment ? v : null;
}

/** Creates the record's fragment (only at record creation, see schema.ts) and fills it. */
export function createRichText(rec: Rec, field: string, text: string | null | undefined): void {
	const fragment = new Y.XmlFragment();
	rec.set(field, fragment);
	if (text) writePlainText(fragment, text);
}
