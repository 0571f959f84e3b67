import { formatValue, type ValueKind } from '../format';

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

/** A cell's text: numbers through format.ts by the column's kind, null as "no data". */
export function cellText(column: TableColumn, value: unknown): string {
	if (column.kind && column.kind !== 'text') return formatValue(typeof value === 'number' ? value : null, column.kind, column.currency);
	if (value === null || value === undefined) return '–';
	return String(value);
}
