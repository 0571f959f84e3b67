import { csvCell } from '../reports/csv';
import type { AuditEntry } from './index';

const COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'detail', 'address'] as const;

/** The audit log as CSV for Excel: BOM, CRLF, quoted cells, formula-looking values (user names, dataset names) escaped. */
export function auditCsv(entries: AuditEntry[]): string {
	const lines = [COLUMNS.map((c) => csvCell(c)), ...entries.map((e) => COLUMNS.map((c) => csvCell(e[c])))].map((cells) => cells.join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
