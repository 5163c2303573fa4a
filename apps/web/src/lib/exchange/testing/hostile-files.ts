/**
 * Files built to hurt an importer, made here so they can be regenerated: a zip bomb (a small zip whose
 * one part inflates to hundreds of megabytes), a workbook of a million rows, a 50 MB file, and a
 * workbook cut in the middle. Built with fflate's streaming zip, so making them never holds the inflated
 * bytes in memory at once.
 */
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Suivi des actions" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A workbook whose one sheet is written chunk by chunk by `sheet` (each chunk deflated as it comes). */
function streamedWorkbook(sheet: (push: (text: string) => void) => void): Uint8Array {
	const out: Uint8Array[] = [];
	const zip = new Zip((error, chunk) => {
		if (error) throw error;
		out.push(chunk);
	});
	for (const [name, text] of [
		['[Content_Types].xml', CONTENT_TYPES],
		['_rels/.rels', RELS],
		['xl/workbook.xml', WORKBOOK],
		['xl/_rels/workbook.xml.rels', WORKBOOK_RELS]
	] as const) {
		const part = new ZipDeflate(name, { level: 1 });
		zip.add(part);
		part.push(strToU8(text), true);
	}
	const part = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
	zip.add(part);
	let pending = '';
	sheet((text) => {
		pending += text;
		if (pending.length > 1 << 20) {
			part.push(strToU8(pending));
			pending = '';
		}
	});
	part.push(strToU8(pending), true);
	zip.end();
	const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of out) {
		bytes.set(c, at);
		at += c.length;
	}
	return bytes;
}

const SHEET_OPEN =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';

/** About 100 kB of zip (deflate’s ratio is about 1,000 to 1) whose sheet inflates to `megabytes` MB of spaces inside the XML. */
export function zipBomb(megabytes = 100): Uint8Array {
	const blank = ' '.repeat(1 << 20);
	return streamedWorkbook((push) => {
		push(SHEET_OPEN);
		for (let i = 0; i < megabytes; i++) push(blank);
		push(SHEET_CLOSE);
	});
}

/** A real workbook of `rows` action rows (a header, then "Action n" / "À faire"). */
export function manyRows(rows = 1_000_000): Uint8Array {
	return streamedWorkbook((push) => {
		push(SHEET_OPEN);
		push(
			'<row r="1"><c r="A1" t="inlineStr"><is><t>Action</t></is></c><c r="B1" t="inlineStr"><is><t>Statut</t></is></c></row>'
		);
		for (let r = 2; r <= rows + 1; r++)
			push(
				`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Action ${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>À faire</t></is></c></row>`
			);
		push(SHEET_CLOSE);
	});
}

/** A 50 MB file that starts like a zip. */
export function fiftyMegabytes(): Uint8Array {
	const bytes = new Uint8Array(50 * 1024 * 1024);
	bytes.set([0x50, 0x4b, 0x03, 0x04]);
	return bytes;
}

/** A small valid workbook cut in half, as an interrupted download leaves it. */
export function truncated(): Uint8Array {
	const whole = zipSync({
		'[Content_Types].xml': strToU8(CONTENT_TYPES),
		'_rels/.rels': strToU8(RELS),
		'xl/workbook.xml': strToU8(WORKBOOK),
		'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
		'xl/worksheets/sheet1.xml': strToU8(`${SHEET_OPEN}${SHEET_CLOSE}`)
	});
	return whole.slice(0, Math.floor(whole.length / 2));
}
