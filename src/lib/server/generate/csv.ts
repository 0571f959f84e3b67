/** One CSV field per RFC 4180: quoted only when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: (string | number | boolean | null | undefined)[]): string {
	return values.map(csvField).join(',') + '\n';
}

/** Fixed decimals without trailing zeros: 0.35, 12, 3.5. */
export function decimal(value: number, places: number): string {
	return String(Number(value.toFixed(places)));
}
