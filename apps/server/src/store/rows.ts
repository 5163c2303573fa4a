/** Row mappings shared by both stores. */
import { isRole, type Role } from '@cap/protocol';
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

/** A version's columns, in the order both stores insert them (id … restored_from, state). */
export type VersionValues = [string, string, string, string, string, number, string | null, Buffer];

export function versionValues(meta: Omit<VersionMeta, 'bytes'>, state: Uint8Array): VersionValues {
	return [
		meta.id,
		meta.planId,
		meta.name,
		meta.authorName,
		meta.authorId,
		meta.createdAt,
		meta.restoredFrom ?? null,
		Buffer.from(state)
	];
}

/** Every role at generation 0 unless a row says otherwise. */
export function generationsFrom(rows: { role: string; generation: number | string }[]): Record<Role, number> {
	const out: Record<Role, number> = { facilitator: 0, editor: 0, commenter: 0, viewer: 0 };
	for (const row of rows) if (isRole(row.role)) out[row.role] = Number(row.generation);
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

/** A plan's columns, in the order both stores insert them (id, title, year, locale, company, currency, created_at). */
export type PlanValues = [string, string, number, string, string | null, string | null, number];

export function planValues(meta: PlanMeta): PlanValues {
	return [
		meta.id,
		meta.title,
		meta.year,
		meta.locale,
		meta.company ?? null,
		meta.currency ?? null,
		meta.createdAt
	];
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
