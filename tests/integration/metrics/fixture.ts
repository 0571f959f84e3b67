import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../src/lib/server/db/database';
import { seedDataset, type SeedConversation } from './seed';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/metrics');

interface Importer {
	ingestFile(db: Database, path: string, options: { dataset?: string; preset?: 'generic'; timezone?: string }): Promise<unknown>;
}

/** The real importer once it exists (src/lib/server/ingest/index.ts); until then null. */
async function importer(): Promise<Importer | null> {
	const path = '../../../src/lib/server/ingest/index';
	try {
		return (await import(/* @vite-ignore */ path)) as Importer;
	} catch {
		return null;
	}
}

/** Reads a fixture CSV with the canonical headers of data.md (no quoted fields) into seed rows. */
function readFixture(file: string): SeedConversation[] {
	const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
	const names = header.split(',');
	return lines.map((line) => {
		const v = Object.fromEntries(line.split(',').map((x, i) => [names[i], x === '' ? null : x]));
		const csat = v.csat === null ? null : Number(v.csat) >= 4;
		return {
			id: v.conversation_id!,
			created: v.created_at!.replace('Z', ''),
			first: v.first_response_at?.replace('Z', '') ?? null,
			closed: v.closed_at?.replace('Z', '') ?? null,
			status: v.status as SeedConversation['status'],
			channel: v.channel ?? undefined,
			queue: v.queue,
			agent: v.agent_id,
			customer: v.customer_id,
			handle: v.handle_s === null ? null : Number(v.handle_s),
			botInvolved: v.bot_involved === 'true',
			botResolved: v.bot_resolved === 'true',
			csat
		};
	});
}

/** Loads a fixture through the real importer when present, else straight into storage. */
export async function loadFixture(db: Database, name: string): Promise<void> {
	const file = join(FIXTURES, `${name}.csv`);
	const ingest = await importer();
	if (ingest) await ingest.ingestFile(db, file, { dataset: name, preset: 'generic', timezone: 'UTC' });
	else await seedDataset(db, name, readFixture(file));
}
