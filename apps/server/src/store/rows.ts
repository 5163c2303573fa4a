/** Row mappings shared by both stores. */
import { ROLES, type Role } from '@cap/protocol';
import type { PlanMeta, VersionMeta } from './types.ts';

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

/** A `plans` row (PostgreSQL returns BIGINT as a string). */
export interface PlanRow {
	id: string;
	title: string;
	year: number;
	locale: string;
	company: string | null;
	currency: string | null;
	created_at: number | string;
}

export function planFromRow(row: PlanRow): PlanMeta {
	return {
		id: row.id,
		title: row.title,
		year: row.year,
		locale: row.locale as PlanMeta['locale'],
		...(row.company !== null && { company: row.company }),
		...(row.currency !== null && { currency: row.currency }),
		createdAt: Number(row.created_at)
	};
}
