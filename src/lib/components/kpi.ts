/** One group's side of a KpiTile (sync | async). */
export interface KpiSide {
	/** group key, e.g. "sync" or "async" */
	key: string;
	value: number | null;
	/** the same metric over the previous equal period (undefined: no comparison shown) */
	previous?: number | null;
	/** values over the period, oldest first, for the sparkline */
	trend?: (number | null)[];
	/** how the value is measured when it matters to read it, e.g. "business-hours clock" */
	note?: string;
}
