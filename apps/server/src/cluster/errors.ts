/** A process that must not start beside the ones already using its database (cluster/membership.ts). */
export class MembershipError extends Error {
	override name = 'MembershipError';
}
