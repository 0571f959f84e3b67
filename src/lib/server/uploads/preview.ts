/**
 * The import preview: the preset and mapping the importer would use for an upload, the first rows as they will be
 * read (each canonical field's value from its mapped column) and as they will be stored (previewStored.ts).
 */
import { UserError, isUserError } from '../errors';
import { fieldsOf, type Kind } from '../ingest/fields';
import { resolveMapping, type FieldSource, type ResolvedMapping } from '../ingest/mapping';
import { sniffFile } from '../ingest/sniff';
import type { UploadedFile } from './store';
import { getDatabase } from '../open';
import { storedPreview, type StoredPreview } from './previewStored';
import type { DateOrder } from '../ingest/timestamps';
import { fieldLabel } from '../../fieldWords';

export const PREVIEW_ROWS = 8;

export interface PreviewField {
	field: string;
	required: boolean;
	/** the mapped header (several joined with " | "), null when unmapped */
	header: string | null;
	/** read as a duration after created_at, in seconds per unit */
	durationUnitSeconds: number | null;
}

export interface UploadPreview {
	upload: { id: string; name: string; bytes: number };
	preset: string;
	kind: Kind;
	delimiter: string;
	encoding: string;
	headers: string[];
	fields: PreviewField[];
	/** per sample row, one value per entry of `fields` (null when unmapped or empty), as the file has it */
	rows: (string | null)[][];
	/** the first rows as they will be stored, and the checked rows each column would get rejected; null while a needed field is unmapped */
	stored: StoredPreview | null;
	/** the zone times without an offset were read in */
	timezone: string | null;
	/** why the file cannot be imported as mapped, in one sentence; null when it can */
	problem: string | null;
}

export interface PreviewChoices {
	preset?: string;
	/** field → header; "" unmaps a field */
	map?: Record<string, string>;
	/** the zone of times without an offset (default the timezone setting) */
	timezone?: string;
	dateFormat?: DateOrder;
}

const MISSING_FIELD = /^No column for (\w+) was found/;
const PLACEHOLDER = '\u0000unmapped:';

/**
 * The mapping, even when a needed field has no column: such a field is pointed at a placeholder
 * column (shown as unmapped) and the importer's sentence is kept as the problem.
 */
function mappingWithGaps(headers: string[], choices: PreviewChoices, name: string): { mapping: ResolvedMapping; problem: string | null } {
	const padded = [...headers];
	const map = { ...(choices.map ?? {}) };
	let problem: string | null = null;
	for (let attempt = 0; attempt < 8; attempt++) {
		try {
			return { mapping: resolveMapping(padded, choices.preset ?? 'auto', map, name), problem };
		} catch (error) {
			const missing = isUserError(error) ? MISSING_FIELD.exec(error.message)?.[1] : undefined;
			if (!missing || !isUserError(error)) throw error;
			// the CLI's sentence names the field's code and its flag; the page names the field as its mapping list does
			problem ??= error.message
				.replace(MISSING_FIELD, `No column for “${fieldLabel(missing)}” (${missing}) was found`)
				.replace(/: pass --map [^.]*\.$/, `; choose its column below.`);
			padded.push(PLACEHOLDER + missing);
			map[missing] = PLACEHOLDER + missing;
		}
	}
	throw new UserError(`${name} cannot be mapped; check that it is a conversation or message export.`);
}

function valueOf(row: string[], source: FieldSource | undefined, headerCount: number): string | null {
	if (!source) return null;
	for (const index of source.indexes) {
		if (index >= headerCount) return null;
		const value = (row[index] ?? '').trim();
		if (value !== '') return value;
	}
	return null;
}

export async function previewUpload(upload: UploadedFile, choices: PreviewChoices = {}): Promise<UploadPreview> {
	const sniffed = await sniffFile(upload.path, upload.name);
	if (sniffed.headers.length === 0 || sniffed.sampleRows.length === 0) {
		throw new UserError(`${upload.name} has no data rows under its header; export the data again with its rows.`);
	}
	const { mapping, problem } = mappingWithGaps(sniffed.headers, choices, upload.name);
	const headerCount = sniffed.headers.length;
	const fields: PreviewField[] = Object.entries(fieldsOf(mapping.kind)).map(([field, spec]) => {
		const source = mapping.sources[field];
		const real = source && source.indexes.every((i) => i < headerCount);
		return {
			field,
			required: spec.required,
			header: real ? source.headers.join(' | ') : null,
			durationUnitSeconds: real && source.kind === 'duration' ? source.unitSeconds : null
		};
	});
	const rows = sniffed.sampleRows.slice(0, PREVIEW_ROWS).map((row) => fields.map((f) => valueOf(row, mapping.sources[f.field], headerCount)));
	const stored = problem ? null : await storedPreview(await getDatabase(), sniffed, mapping, choices, PREVIEW_ROWS);
	return {
		upload: { id: upload.id, name: upload.name, bytes: upload.bytes },
		preset: mapping.preset.name,
		kind: mapping.kind,
		delimiter: sniffed.delimiter === '\t' ? 'tab' : sniffed.delimiter,
		encoding: sniffed.encoding,
		headers: sniffed.headers,
		fields,
		rows,
		stored,
		timezone: choices.timezone ?? null,
		problem: problem ?? stored?.problem ?? null
	};
}
