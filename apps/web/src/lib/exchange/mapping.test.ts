import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { emptyPlan, me } from './fixture.ts';
import { loadMemory, mappingFor, rememberColumn, rememberWord, saveMemory, wordsOf } from './mapping.ts';
import { parseWorkbook } from './parse.ts';
import { previewImport } from './plan-import.ts';
import { readWorkbook } from './workbook.ts';

function memoryStore() {
	const data = new Map<string, string>();
	return {
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, val: string) => void data.set(k, val)
	};
}

async function sheets() {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Suivi des actions');
	ws.addRow(['Action', 'Qui fait', 'Charge', 'Statut']);
	ws.addRow(['Mailing', 'Julie', 3, 'Peut-être']);
	const read = await readWorkbook(ExcelJS, (await wb.xlsx.writeBuffer()) as ArrayBuffer);
	if (!read.ok) throw new Error(read.reason);
	return read.sheets;
}

describe('the person corrects a guess once, and the next file of the same shape is understood', () => {
	it('a column and a word, remembered on this browser', async () => {
		const raw = await sheets();
		const first = parseWorkbook(raw);
		const table = first.tables[0]!;
		// "Qui fait" is read as the owner; say that "Charge" is not person-days but to be ignored.
		expect(table.columns.map((c) => c.key)).toEqual(['action', 'owner', 'personDays', 'status']);
		const store = memoryStore();
		let memory = rememberColumn(loadMemory(store), table, 2, null);
		memory = rememberWord(memory, 'status', 'Peut-être', 'todo');
		saveMemory(store, memory);

		const again = loadMemory(store);
		const parsed = parseWorkbook(raw, { mapping: mappingFor(again, parseWorkbook(raw).tables) });
		expect(parsed.tables[0]!.columns.map((c) => c.key)).toEqual(['action', 'owner', null, 'status']);
		const preview = previewImport(emptyPlan(), parsed, me, { words: wordsOf(again) });
		expect(preview.unknownWords).toEqual([]);
		expect(preview.entries.find((e) => e.entity === 'actions')!.warnings).toEqual([]);
	});

	it('drops what it cannot trust from storage', () => {
		const store = memoryStore();
		store.setItem(
			'cap.import.memory',
			JSON.stringify({ shapes: { a: { 0: 'nope' } }, status: {}, priority: {} })
		);
		expect(loadMemory(store)).toEqual({ shapes: {}, status: {}, priority: {} });
		store.setItem('cap.import.memory', '{not json');
		expect(loadMemory(store).shapes).toEqual({});
	});
});
