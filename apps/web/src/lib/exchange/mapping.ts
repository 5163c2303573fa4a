/**
 * What the person told the importer, remembered on this browser for the next file of the same shape:
 * which column each header is (per tab, keyed by the tab's name and headers, so next year's file with
 * the same headers is understood at once) and what the words Cap could not read mean ("Peut-être" →
 * À faire). Kept in localStorage, never in the shared plan: it describes one person's files. What is
 * read back is checked with valibot, so a value written by another version is dropped, not trusted.
 */
import { ACTION_STATUSES, PRIORITIES } from '@cap/plan-model';
import * as v from 'valibot';
import type { ImportOptions } from './plan-import.ts';
import type { ColumnMapping, SheetColumns } from './parse.ts';
import { COLUMNS, fold, type ColumnKey } from './vocab.ts';

const KEY = 'cap.import.memory';
const columnKey = v.union([v.picklist(Object.keys(COLUMNS) as ColumnKey[]), v.null()]);
const memorySchema = v.object({
	shapes: v.record(v.string(), v.record(v.string(), columnKey)),
	status: v.record(v.string(), v.picklist(ACTION_STATUSES)),
	priority: v.record(v.string(), v.picklist(PRIORITIES))
});
export type Memory = v.InferOutput<typeof memorySchema>;
type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

const empty = (): Memory => ({ shapes: {}, status: {}, priority: {} });

/** A tab's shape: its name and headers, folded, so "Statut " and "statut" are the same file. */
export function shapeOf(table: Pick<SheetColumns, 'sheet' | 'columns'>): string {
	return [table.sheet, ...table.columns.map((c) => `${c.index}:${c.header}`)].map(fold).join('|');
}

export function loadMemory(storage: Store): Memory {
	try {
		const parsed = v.safeParse(memorySchema, JSON.parse(storage?.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.output : empty();
	} catch {
		return empty();
	}
}

export function saveMemory(storage: Store, memory: Memory): void {
	try {
		storage?.setItem(KEY, JSON.stringify(memory));
	} catch {
		// Storage full or unavailable: the choices last for this import only.
	}
}

/** The remembered column choices for the tabs of a file whose shapes were seen before. */
export function mappingFor(memory: Memory, tables: SheetColumns[]): ColumnMapping {
	const out: ColumnMapping = {};
	for (const t of tables) {
		const known = memory.shapes[shapeOf(t)];
		if (known) out[t.sheet] = Object.fromEntries(Object.entries(known).map(([i, k]) => [Number(i), k]));
	}
	return out;
}

/** Records one column choice (index → column, or null to ignore it) for this tab's shape. */
export function rememberColumn(
	memory: Memory,
	table: SheetColumns,
	index: number,
	key: ColumnKey | null
): Memory {
	const shape = shapeOf(table);
	return { ...memory, shapes: { ...memory.shapes, [shape]: { ...memory.shapes[shape], [index]: key } } };
}

/** Records what a word means in the status or priority column; an empty code forgets it. */
export function rememberWord(
	memory: Memory,
	column: 'status' | 'priority',
	word: string,
	code: string
): Memory {
	const { [fold(word)]: _old, ...rest } = memory[column] as Record<string, string>;
	return { ...memory, [column]: code ? { ...rest, [fold(word)]: code } : rest };
}

export function wordsOf(memory: Memory): NonNullable<ImportOptions['words']> {
	return { status: memory.status, priority: memory.priority };
}
