/** Shapes the upload endpoints answer with (see src/lib/server/uploads); kept here so browser code needs no server import. */
export interface PreviewField {
	field: string;
	required: boolean;
	header: string | null;
	durationUnitSeconds: number | null;
}

export interface UploadPreview {
	upload: { id: string; name: string; bytes: number };
	preset: string;
	kind: 'conversations' | 'messages';
	delimiter: string;
	encoding: string;
	headers: string[];
	fields: PreviewField[];
	rows: (string | null)[][];
	problem: string | null;
}

export interface ImportSummaryData {
	dataset: string;
	preset: string;
	kind: 'conversations' | 'messages';
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	conversations: number;
	rejects: { line: number | null; reason: string }[];
	flags: Record<string, number>;
	mapping: Record<string, string>;
	seconds: number;
	timezone: string;
}

export interface ImportStatus {
	state: 'running' | 'done' | 'failed';
	progress: number;
	seconds: number;
	result: ImportSummaryData | null;
	error: string | null;
}

/** What the analyst chose besides the mapping. */
export interface ImportChoices {
	dataset: string;
	preset: string;
	timezone: string;
	/** '' detect, 'dmy' or 'mdy' */
	dateFormat: string;
	replace: boolean;
}
