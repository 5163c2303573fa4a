import type { EditorView } from '@tiptap/pm/view';

/**
 * Reads a caret move the browser has made but not yet reported, before the editor handles a key.
 *
 * A caret key (End, Ctrl+End, Home, an arrow) moves the browser's selection at once, but the editor
 * learns of it from the `selectionchange` event, a task the browser queues. Chromium runs input events
 * before queued tasks, so when keys come quickly (a fast typist, a page busy applying other people's
 * changes) the next key was handled where the caret had been: Enter after Ctrl+End split the line at the
 * old place, a letter after Home went to the end. prosemirror-view reads the selection before every key
 * itself from 1.43; Cap holds 1.42 (pnpm-workspace.yaml says why), so this calls the same step, its DOM
 * observer's flush, which turns a pending selection change into a transaction first. Nothing is read
 * during an IME composition, where the browser owns the text until it ends.
 */
export function readPendingSelection(view: EditorView, event: KeyboardEvent): void {
	if (event.isComposing || event.keyCode === 229 || view.composing) return;
	const observer = (view as unknown as { domObserver?: { flush?: () => void } }).domObserver;
	observer?.flush?.();
}
