/**
 * Shapes the upload endpoints answer with. They are defined once, by the server modules that build them;
 * these are type-only re-exports, erased from the browser bundle, so no server code reaches it.
 */
export type { PreviewField, UploadPreview } from '../../server/uploads/preview';
export type { ImportStatus } from '../../server/uploads/jobs';
export type { IngestResult as ImportSummaryData } from '../../server/ingest/index';

/** What the analyst chose besides the mapping (the form's state; '' dateFormat means detect). */
export interface ImportChoices {
	dataset: string;
	preset: string;
	timezone: string;
	/** '' detect, 'dmy' or 'mdy' */
	dateFormat: string;
	replace: boolean;
}
