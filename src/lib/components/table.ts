import { columnDecimals, formatValue, type ValueKind } from '../format';

/** One column of a DataTable: `kind` formats numbers (and right-aligns them); 'text' shows the value as is. */
export interface TableColumn {
	key: string;
	label: string;
	kind?: ValueKind | 'text';
	/** money columns: the currency code */
	currency?: string;
}

/** A row of values by column key; numbers are formatted by the column's kind, anything else shown as text. */
export type TableRow = Record<string, unknown>;

/** The numbers behind a chart or a list, shown by DataTable (and by every chart's "table" toggle). */
export interface TableData {
	columns: TableColumn[];
	rows: TableRow[];
}

/** Per column key, the decimals its every row shows (format.ts columnDecimals); undefined where they never vary. */
export function tableDecimals(columns: readonly TableColumn[], rows: readonly TableRow[]): Record<string, number | undefined> {
	const decimals: Record<string, number | undefined> = {};
	for (const column of columns) {
		if (!column.kind || column.kind === 'text') continue;
		decimals[column.key] = columnDecimals(
			rows.map((row) => numberOrNull(row[column.key])),
			column.kind
		);
	}
	return decimals;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** A cell's text: numbers through format.ts by the column's kind (with the column's `decimals`), null as "no data". */
export function cellText(column: TableColumn, value: unknown, decimals?: number): string {
	if (column.kind && column.kind !== 'text') return formatValue(numberOrNull(value), column.kind, column.currency, decimals);
	if (value === null || value === undefined) return '–';
	return String(value);
}
