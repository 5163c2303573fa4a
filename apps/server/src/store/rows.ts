/** Row mappings shared by both stores for the tables added with versions and invite rotation. */
import { ROLES, type Role } from '@cap/protocol';
import type { VersionMeta } from './types.ts';

export interface VersionRow {
	id: string;
	plan_id: string;
	name: string;
	author_name: string;
	author_id: string;
	created_at: number | string;
	restored_from: string | null;
	bytes: number | string;
}

export function versionFromRow(row: VersionRow): VersionMeta {
	return {
		id: row.id,
		planId: row.plan_id,
		name: row.name,
		authorName: row.author_name,
		authorId: row.author_id,
		createdAt: Number(row.created_at),
		bytes: Number(row.bytes),
		...(row.restored_from !== null && { restoredFrom: row.restored_from })
	};
}

/** Every role at generation 0 unless a row says otherwise. */
export function generationsFrom(rows: { role: string; generation: number | string }[]): Record<Role, number> {
	const out = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
	for (const row of rows) {
		if ((ROLES as readonly string[]).includes(row.role)) out[row.role as Role] = Number(row.generation);
	}
	return out;
}
