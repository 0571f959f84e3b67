/**
 * What a reject report may hold: the raw line of a rejected row with the customer id, free-text columns and any
 * e-mail address or phone number masked when it is stored, so customer data never rests there in clear (data.md).
 */
import { quoteLiteral } from '../db/sql';
import type { ResolvedMapping } from './mapping';

/** Headers of columns people write into (message text, subjects, notes) or that name the customer. */
const FREE_TEXT_HEADER =
	/message|text|body|subject|comment|description|note|content|transcript|summary|e-?mail|phone|mobile|address|customer|requester|caller|contact|client/i;
export const MASKED = '[masked]';
const EMAIL = '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}';
// international (+49 30 1234 5678), (555) 123-4567 and 555-123-4567; dates (2026-03-02) and plain ids do not match
const PHONE = '\\+\\d[\\d ().-]{6,}\\d|\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}|\\b\\d{3}[ .-]\\d{3}[ .-]\\d{4}\\b';

/** Column indexes masked whole: the customer id's and free-text columns not mapped to another field (those are stored as data anyway). */
export function maskedColumns(headers: string[], mapping: ResolvedMapping): Set<number> {
	const mapped = new Map<number, string>();
	for (const [field, source] of Object.entries(mapping.sources)) for (const index of source.indexes) mapped.set(index, field);
	const masked = new Set<number>();
	headers.forEach((header, index) => {
		const field = mapped.get(index);
		if (field === 'customer_id' || (field === undefined && FREE_TEXT_HEADER.test(header))) masked.add(index);
	});
	return masked;
}

/** `text` with e-mail addresses and phone numbers replaced. */
export const maskContactsSql = (text: string) => `regexp_replace(regexp_replace(${text}, '${EMAIL}', '[email]', 'g'), '${PHONE}', '[phone]', 'g')`;

/** A value of column `index` as the report keeps it. */
export const maskedValueSql = (value: string, index: number, masked: Set<number>) =>
	masked.has(index) ? `CASE WHEN ${value} IS NULL OR ${value} = '' THEN ${value} ELSE '${MASKED}' END` : maskContactsSql(value);

/**
 * A broken line (wrong column count, bad quoting) as the report keeps it: split into fields (quoted ones whole),
 * masked by position like a readable row, and every field past the header's columns masked whole (its column is unknown).
 */
export function maskedBrokenLineSql(line: string, delimiter: string, headerCount: number, masked: Set<number>): string {
	const fieldPattern = quoteLiteral(`[${delimiter}]("(?:[^"]|"")*"|[^${delimiter}]*)`);
	const positions = [...masked].map((i) => i + 1).join(', ');
	const isMasked = positions === '' ? `i > ${headerCount}` : `i > ${headerCount} OR i IN (${positions})`;
	const field = `CASE WHEN f = '' THEN f WHEN ${isMasked} THEN '${MASKED}' ELSE ${maskContactsSql('f')} END`;
	return `CASE WHEN ${line} IS NULL THEN NULL ELSE array_to_string(list_transform(regexp_extract_all(${quoteLiteral(delimiter)} || ${line}, ${fieldPattern}, 1), lambda f, i: ${field}), ${quoteLiteral(delimiter)}) END`;
}
