// A child process for derive-after-commit.test.ts: imports <csv> into <db> as "big" and kill -9s itself the moment the
// conversations are committed, so the database is left as a kill during the derive leaves it.
import { openDatabase } from '../../../src/lib/server/open';
import { ingestFile } from '../../../src/lib/server/ingest/index';

const [csv, dbPath] = process.argv.slice(2);
const db = await openDatabase(dbPath);
await ingestFile(db, csv, { dataset: 'big', onQueryable: () => void process.kill(process.pid, 'SIGKILL') });
console.log('the import ended without being killed');
