/**
 * The browser side of the Excel export. This module (and exceljs with it) is only ever imported
 * dynamically, when someone asks for the workbook, so no page pays for the spreadsheet library.
 */
import { selectSettings } from '@cap/plan-model';
import ExcelJS from 'exceljs';
import type * as Y from 'yjs';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import { workbookSheets } from './report-sheets.ts';
import { fileName, saveBlob } from './save.ts';
import { writeWorkbook } from './workbook.ts';

/** Builds the workbook from the plan as it is now and downloads it; resolves with the file name. */
export async function downloadWorkbook(doc: Y.Doc): Promise<string> {
	const locale = i18n.locale;
	const settings = selectSettings(doc);
	const bytes = await writeWorkbook(ExcelJS, workbookSheets(doc, locale), {
		currency: settings.currency,
		locale,
		title: settings.title
	});
	const name = fileName(settings.title, settings.year, 'xlsx');
	saveBlob(
		new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
		name
	);
	return name;
}
