/** Saving a generated file from the browser (no library: the CSV export must stay light). */

/** A file name people recognise in their downloads: "PAC-2027-Biscuiterie.xlsx". */
export function fileName(title: string, year: number, extension: string): string {
	const base = `${title}-${year}`
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `${base || 'plan'}.${extension}`;
}

export function saveBlob(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 0);
}
