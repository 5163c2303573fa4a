/** Localized names and explanations of the four roles, in one place for the home page and the shell. */
import type { Role } from '@cap/protocol';
import * as m from '#lib/paraglide/messages.js';

export function roleName(role: Role): string {
	switch (role) {
		case 'facilitator':
			return m.role_facilitator();
		case 'editor':
			return m.role_editor();
		case 'commenter':
			return m.role_commenter();
		case 'viewer':
			return m.role_viewer();
	}
}

export function roleDescription(role: Role): string {
	switch (role) {
		case 'facilitator':
			return m.role_facilitator_desc();
		case 'editor':
			return m.role_editor_desc();
		case 'commenter':
			return m.role_commenter_desc();
		case 'viewer':
			return m.role_viewer_desc();
	}
}
