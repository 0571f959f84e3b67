import { UserError } from '../errors';
import { closestHeaders, fieldsOf, normalizeHeader, type FieldSpec, type Kind } from './fields';
import { detectVendorPreset, presetByName, PRESET_NAMES, type Preset, type PresetFieldSource } from './presets';

/**
 * Where one canonical field's value is read from. A 'column' source of several columns takes the first non-empty per row;
 * `durationUnits` marks which of them hold a duration after created_at (seconds per unit) rather than a timestamp.
 */
export type FieldSource =
	| { kind: 'column'; headers: string[]; indexes: number[]; durationUnits?: (number | null)[] }
	| { kind: 'duration'; headers: string[]; indexes: number[]; unitSeconds: number };

/** Seconds per unit of the source's k-th column when it holds a duration, else null. */
export function durationUnitOf(source: FieldSource, k: number): number | null {
	return source.kind === 'duration' ? source.unitSeconds : (source.durationUnits?.[k] ?? null);
}

export interface ResolvedMapping {
	preset: Preset;
	kind: Kind;
	sources: Record<string, FieldSource>;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, min: 60, h: 3600, d: 86400 };

/** "First response time (seconds)" → 1; "First reply time in minutes" → 60; a header naming no unit → null. */
export function durationUnitOfHeader(header: string): number | null {
	const h = ` ${normalizeHeader(header)} `;
	if (/ (at|date|timestamp) /.test(h)) return null;
	if (!/ (time|duration|wait|delay) /.test(h)) return null;
	if (/ (ms|millis|milliseconds) /.test(h)) return UNIT_SECONDS.ms;
	if (/ (s|sec|secs|seconds) /.test(h)) return UNIT_SECONDS.s;
	if (/ (min|mins|minutes) /.test(h)) return UNIT_SECONDS.min;
	if (/ (h|hr|hrs|hours) /.test(h)) return UNIT_SECONDS.h;
	if (/ (day|days) /.test(h)) return UNIT_SECONDS.d;
	return null;
}

/** Header names with a unit removed, to match "First response time (seconds)" against "first response time". */
function withoutUnit(normalized: string): string {
	return normalized
		.replace(/\b(in )?(ms|millis|milliseconds|s|sec|secs|seconds|min|mins|minutes|h|hr|hrs|hours|days?)\b/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

const DURATION_SYNONYMS: Record<string, string[]> = {
	first_response_at: [
		'first response time',
		'first reply time',
		'time to first response',
		'initial response time',
		'speed of answer',
		'wait time',
		'queue time'
	],
	closed_at: ['full resolution time', 'resolution time', 'time to close', 'time to resolution', 'duration', 'call duration', 'total time']
};

function indexOfHeader(headers: string[], wanted: string): number {
	const exact = headers.indexOf(wanted);
	if (exact >= 0) return exact;
	const lower = wanted.toLowerCase();
	const caseless = headers.findIndex((h) => h.toLowerCase() === lower);
	if (caseless >= 0) return caseless;
	const normalized = normalizeHeader(wanted);
	return headers.findIndex((h) => normalizeHeader(h) === normalized);
}

function sourceFromPreset(spec: PresetFieldSource, headers: string[]): FieldSource | null {
	const found = (Array.isArray(spec) ? spec : [spec])
		.map((w) =>
			typeof w === 'string' ? { index: indexOfHeader(headers, w), unit: null } : { index: indexOfHeader(headers, w.duration), unit: UNIT_SECONDS[w.unit] }
		)
		.filter((c) => c.index >= 0);
	if (found.length === 0) return null;
	const indexes = found.map((c) => c.index);
	if (found.length === 1 && found[0].unit !== null) return { kind: 'duration', headers: [headers[indexes[0]]], indexes, unitSeconds: found[0].unit };
	const durationUnits = found.some((c) => c.unit !== null) ? found.map((c) => c.unit) : undefined;
	return { kind: 'column', headers: indexes.map((i) => headers[i]), indexes, ...(durationUnits ? { durationUnits } : {}) };
}

function sourceForHeader(field: string, spec: FieldSpec, headers: string[], index: number): FieldSource {
	const unit = spec.type === 'timestamp' ? durationUnitOfHeader(headers[index]) : null;
	return unit !== null && field !== 'created_at' && field !== 'ts'
		? { kind: 'duration', headers: [headers[index]], indexes: [index], unitSeconds: unit }
		: { kind: 'column', headers: [headers[index]], indexes: [index] };
}

function sourceFromSynonyms(field: string, spec: FieldSpec, headers: string[], used: Set<number>): FieldSource | null {
	const normalized = headers.map(normalizeHeader);
	const candidates = [normalizeHeader(field), ...spec.synonyms];
	for (const synonym of candidates) {
		const index = normalized.findIndex((h, i) => !used.has(i) && h === synonym && !h.includes('business'));
		if (index >= 0) return sourceForHeader(field, spec, headers, index);
	}
	for (const synonym of DURATION_SYNONYMS[field] ?? []) {
		const index = normalized.findIndex(
			(h, i) => !used.has(i) && !h.includes('business') && withoutUnit(h) === synonym && durationUnitOfHeader(headers[i]) !== null
		);
		if (index >= 0) return sourceForHeader(field, spec, headers, index);
	}
	return null;
}

function choosePreset(requested: string, headers: string[]): Preset {
	if (requested !== 'auto') {
		const preset = presetByName(requested);
		if (!preset) throw new UserError(`There is no preset "${requested}"; use auto, ${PRESET_NAMES.join(', ')}.`);
		return preset;
	}
	const vendor = detectVendorPreset(headers);
	if (vendor) return vendor;
	const messageFields = fieldsOf('messages');
	const used = new Set<number>();
	const looksLikeMessages = ['thread_id', 'ts', 'role'].every((field) => {
		const source = sourceFromSynonyms(field, messageFields[field], headers, used);
		if (source) source.indexes.forEach((i) => used.add(i));
		return source !== null;
	});
	const hasCreated = sourceFromSynonyms('created_at', fieldsOf('conversations').created_at, headers, new Set()) !== null;
	return presetByName(looksLikeMessages && !hasCreated ? 'messages' : 'generic')!;
}

/** Parses `field=Header` pairs; `field=` unmaps a field. */
export function parseMapOptions(pairs: string[]): Record<string, string> {
	const map: Record<string, string> = {};
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		if (eq <= 0) throw new UserError(`"${pair}" is not a mapping; write --map field=Header, for example --map created_at="Opened At".`);
		map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
	}
	return map;
}

/** Decides, for every canonical field, which column(s) of this file it is read from. */
export function resolveMapping(headers: string[], requestedPreset: string, overrides: Record<string, string>, fileName: string): ResolvedMapping {
	const preset = choosePreset(requestedPreset, headers);
	const fields = fieldsOf(preset.kind);
	const sources: Record<string, FieldSource> = {};
	const used = new Set<number>();
	const claim = (field: string, source: FieldSource | null) => {
		if (!source) return;
		sources[field] = source;
		source.indexes.forEach((i) => used.add(i));
	};
	for (const [field, header] of Object.entries(overrides)) {
		if (!(field in fields)) {
			throw new UserError(`"${field}" is not a field of ${preset.kind} rows; map one of ${Object.keys(fields).join(', ')}.`);
		}
		if (header === '') {
			used.add(-1);
			continue;
		}
		const index = indexOfHeader(headers, header);
		if (index < 0) {
			const closest = closestHeaders(header, { type: 'text', required: false, synonyms: [] }, headers);
			throw new UserError(`${fileName} has no column "${header}" (for ${field}); the closest are ${closest.map((h) => `"${h}"`).join(', ')}.`);
		}
		claim(field, sourceForHeader(field, fields[field], headers, index));
	}
	for (const [field, spec] of Object.entries(preset.fields)) {
		if (field in overrides || !(field in fields)) continue;
		claim(field, sourceFromPreset(spec, headers));
	}
	for (const [field, spec] of Object.entries(fields)) {
		if (field in overrides || sources[field]) continue;
		claim(field, sourceFromSynonyms(field, spec, headers, used));
	}
	for (const [field, spec] of Object.entries(fields)) {
		if (!spec.required || sources[field]) continue;
		const closest = closestHeaders(field, spec, headers);
		throw new UserError(
			`No column for ${field} was found in ${fileName} (headers: ${headers.slice(0, 12).join(', ')}${headers.length > 12 ? ', …' : ''}); the closest are ${closest.map((h) => `"${h}"`).join(', ')}: pass --map ${field}="Header".`
		);
	}
	return { preset, kind: preset.kind, sources };
}

/** The mapping as the contract shows it: field → header (several joined with " | "). */
export function mappingSummary(mapping: ResolvedMapping): Record<string, string> {
	return Object.fromEntries(Object.entries(mapping.sources).map(([field, source]) => [field, source.headers.join(' | ')]));
}
