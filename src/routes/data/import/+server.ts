import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guard';
import { getDatabase } from '$lib/server/db/database';
import { UserError } from '$lib/server/errors';
import { PRESET_NAMES, type PresetName } from '$lib/server/ingest/presets';
import { findUpload } from '$lib/server/uploads/store';
import { runningImportOf, startImport } from '$lib/server/uploads/jobs';
import { requireSameOrigin } from '$lib/server/uploads/origin';
import { failure, mapField, readJsonObject, textField } from '$lib/server/uploads/http';

function presetChoice(value: string | undefined): 'auto' | PresetName {
	if (value === undefined || value === 'auto') return 'auto';
	if (!PRESET_NAMES.includes(value)) throw new UserError(`There is no preset "${value}"; choose auto or ${PRESET_NAMES.join(', ')}.`);
	return value as PresetName;
}

/** Starts the import of an upload in the background; the page polls /data/import/[job]. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const user = requireCapability(locals, 'manage_data');
	requireSameOrigin(request, url);
	try {
		const body = await readJsonObject(request);
		const upload = findUpload(textField(body, 'upload') ?? '', user.username);
		const dateFormat = textField(body, 'dateFormat');
		if (dateFormat !== undefined && dateFormat !== 'dmy' && dateFormat !== 'mdy') throw new UserError('The date format must be day/month or month/day.');
		const running = runningImportOf(upload.id);
		if (running) return json({ job: running.id });
		const db = await getDatabase();
		const job = startImport(db, upload, {
			dataset: textField(body, 'dataset'),
			preset: presetChoice(textField(body, 'preset')),
			timezone: textField(body, 'timezone'),
			map: mapField(body),
			replace: body.replace === true,
			dateFormat
		});
		return json({ job: job.id }, { status: 202 });
	} catch (error) {
		return failure(error);
	}
};
