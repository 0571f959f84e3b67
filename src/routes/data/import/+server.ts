import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/open';
import { UserError } from '$lib/server/errors';
import { PRESET_NAMES, type PresetName } from '$lib/server/ingest/presets';
import { runningImportOf, startImport } from '$lib/server/uploads/jobs';
import { answerUploadPost, mapField, textField, zoneAndDateOrder } from '$lib/server/uploads/http';
import { clientAddress } from '$lib/server/auth/request';

function presetChoice(value: string | undefined): 'auto' | PresetName {
	if (value === undefined || value === 'auto') return 'auto';
	if (!PRESET_NAMES.includes(value)) throw new UserError(`There is no preset "${value}"; choose auto or ${PRESET_NAMES.join(', ')}.`);
	return value as PresetName;
}

/** Starts the import of an upload in the background; the page polls /data/import/[job]. */
export const POST: RequestHandler = (event) =>
	answerUploadPost(event, async (upload, body) => {
		const { timezone, dateFormat } = zoneAndDateOrder(body);
		const running = runningImportOf(upload.id);
		if (running) return json({ job: running.id });
		const job = startImport(
			await getDatabase(),
			upload,
			{
				dataset: textField(body, 'dataset'),
				preset: presetChoice(textField(body, 'preset')),
				timezone,
				map: mapField(body),
				replace: body.replace === true,
				dateFormat
			},
			clientAddress(event)
		);
		return json({ job: job.id }, { status: 202 });
	});
