/**
 * Which comments the side drawer shows: one record's threads, or every open thread of the plan. One drawer
 * for the whole shell, so item buttons and the header entry open the same place.
 */
import type { CommentTargetType } from '@cap/plan-model';

export interface CommentTarget {
	type: CommentTargetType;
	id: string;
	name: string;
}

class CommentsDrawer {
	open = $state(false);
	target = $state<CommentTarget | null>(null);
	/** The element to give focus back to when the drawer closes. */
	returnFocus: HTMLElement | null = null;

	show(target: CommentTarget | null, from?: HTMLElement | null): void {
		this.target = target;
		this.open = true;
		if (from) this.returnFocus = from;
	}
	/** Closes without moving the focus (the page under it changed). */
	dismiss(): void {
		this.open = false;
		this.target = null;
		this.returnFocus = null;
	}
	close(): void {
		this.open = false;
		this.target = null;
		this.returnFocus?.focus();
		this.returnFocus = null;
	}
}

export const drawer = new CommentsDrawer();
