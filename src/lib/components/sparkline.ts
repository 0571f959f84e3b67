/** An SVG path through the non-null values, scaled into width x height (a KPI tile's trend; cheaper than a chart per tile). */
export function sparklinePath(values: (number | null)[], width: number, height: number): string {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (present.length < 2) return '';
	const lo = Math.min(...present);
	const hi = Math.max(...present);
	const span = hi - lo || 1;
	const step = width / Math.max(1, values.length - 1);
	let path = '';
	let pen = false;
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) {
			pen = false;
			return;
		}
		const x = (i * step).toFixed(1);
		const y = (height - 1 - ((v - lo) / span) * (height - 2)).toFixed(1);
		path += `${pen ? 'L' : 'M'}${x} ${y}`;
		pen = true;
	});
	return path;
}
