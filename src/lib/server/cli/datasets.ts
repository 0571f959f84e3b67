import { deleteDataset, listDatasets } from '../ingest/datasets';
import { UserError } from '../errors';
import type { CliCommand } from './command';
import { recordAudit } from '../audit/index';

export const datasetsCommand: CliCommand = {
	spec: 'datasets [action] [name]',
	description: 'List datasets, or delete one: datasets delete NAME',
	examples: ['datasets', 'datasets delete q3 --json'],
	async run([action, name], _options, context) {
		const db = await context.database();
		if (action === undefined || action === 'list') {
			const datasets = await listDatasets(db.connection);
			const text = datasets.length
				? datasets
						.map(
							(d) =>
								`${d.name}\t${d.conversations.toLocaleString('en-US')} conversations\t${d.min_created_at?.slice(0, 10)} – ${d.max_created_at?.slice(0, 10)}\t${d.preset}\t${d.rows_rejected} rejected`
						)
						.join('\n')
				: 'No datasets yet; load one with: npm run cli -- ingest FILE';
			return context.print({ datasets }, text);
		}
		if (action === 'delete') {
			if (!name) throw new UserError('Name the dataset to delete: datasets delete NAME.');
			await deleteDataset(db, name);
			await recordAudit(db.connection, { actor: 'cli', action: 'dataset_delete', target: name });
			return context.print({ deleted: name }, `Deleted dataset "${name}".`);
		}
		throw new UserError(`Unknown datasets action "${action}"; use "datasets" to list or "datasets delete NAME".`);
	}
};
