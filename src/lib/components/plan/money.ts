/** Weekly costs in whole currency units ("$121,580"): cents are noise at this scale. */
const formats = new Map<string, Intl.NumberFormat>();

export function wholeMoney(value: number | null, currency: string): string {
	if (value === null || Number.isNaN(value)) return 'no data';
	let format = formats.get(currency);
	if (!format) {
		try {
			format = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
		} catch {
			format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
		}
		formats.set(currency, format);
	}
	return format.format(Math.round(value));
}
