/** The four roles an invite link grants. Order is from most to least powerful. */
export const ROLES = ['facilitator', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * What each role may do. The server enforces these; the UI only mirrors them so that controls a
 * participant cannot use are not offered.
 */
export const PERMISSIONS = {
	/** Change the plan document (settings, objectives, actions...). */
	editPlan: ['facilitator', 'editor'],
	/** Write comments and reactions, and nothing else, in the plan. */
	comment: ['facilitator', 'editor', 'commenter'],
	/** Drive the workshop: phases, timer, reveal, lock. */
	facilitate: ['facilitator']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
