import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { workFolder, type Database } from './db/database';
import { queryOne } from './db/sql';
import { addUser, countUsers } from './auth/users';
import { generatePassword } from './auth/passwords';
import { generateDemo } from './generate/index';
import { ingestFile } from './ingest/index';

export const DEMO_DATASET = 'demo';

/** Loads the seeded ~90-day demo dataset when the database has no dataset, so the dashboard is full on first sight. */
export async function loadDemoIfEmpty(db: Database, log: (line: string) => void): Promise<boolean> {
	const any = await queryOne(db.connection, 'SELECT 1 FROM datasets LIMIT 1');
	if (any) return false;
	const file = join(workFolder(db), `demo-${process.pid}.csv`);
	try {
		log('No dataset yet: generating and loading the 90-day demo dataset…');
		await generateDemo(file, { conversations: 80_000, seed: 1, days: 90 });
		const result = await ingestFile(db, file, { dataset: DEMO_DATASET, sourceName: 'demo (simulated)', uploadedBy: 'channel-mix' });
		log(`Demo dataset loaded: ${result.rows_loaded.toLocaleString('en-US')} conversations in ${result.seconds} s.`);
		return true;
	} finally {
		rmSync(file, { force: true });
	}
}

/** The generated password in a frame, so it stands out among the build and start-up lines. */
export function framedPassword(password: string): string {
	const lines = [
		'Created user "admin" with password:',
		'',
		`    ${password}`,
		'',
		'Shown once: sign in, then add users under Settings',
		'(or set ADMIN_PASSWORD before the first start).'
	];
	const width = Math.max(...lines.map((l) => l.length)) + 4;
	const rule = '='.repeat(width);
	return ['', rule, ...lines.map((l) => (l ? `  ${l}` : '')), rule, ''].join('\n');
}

/** Creates the `admin` account when there is no user: the password from ADMIN_PASSWORD, or generated and printed once. */
export async function createAdminIfNone(db: Database, log: (line: string) => void): Promise<boolean> {
	if ((await countUsers(db.connection)) > 0) return false;
	const given = process.env.ADMIN_PASSWORD;
	const password = given && given.length > 0 ? given : generatePassword();
	await addUser(db.connection, 'admin', 'admin', password);
	log(given ? 'Created user "admin" with the password from ADMIN_PASSWORD.' : framedPassword(password));
	return true;
}

/** Everything a fresh data folder needs before the first request. */
export async function prepareFirstRun(db: Database, log: (line: string) => void = console.log): Promise<void> {
	// the admin last: a generated password is then the last thing printed before the server listens
	await loadDemoIfEmpty(db, log);
	await createAdminIfNone(db, log);
}
