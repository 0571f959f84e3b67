import { openDatabase } from '../../../src/lib/server/open';
import { computeMetrics, computeSeries, computeCoverage } from '../../../src/lib/server/metrics/index';
import { deriveDataset } from '../../../src/lib/server/derive/index';
import { readSettings } from '../../../src/lib/server/settings/store';
import { queryRows } from '../../../src/lib/server/db/sql';
const db = await openDatabase(process.argv[2]);
const c = db.connection;
const time = async (label: string, f: () => Promise<unknown>) => {
	const t = performance.now();
	await f();
	console.log(label.padEnd(40), (performance.now() - t).toFixed(0), 'ms');
};
console.log(await queryRows(c, `select channel, quantile_cont(frt_s, [0.25,0.5,0.9]) q, count(*) n, count(frt_s) nf from conversation_facts group by 1`));
if (process.argv[3] === 'derive') {
	const s = await readSettings(c);
	await time('deriveDataset', () =>
		c
			.run('BEGIN')
			.then(() => deriveDataset(c, 1, s))
			.then(() => c.run('COMMIT'))
	);
}
for (const pass of ['cold', 'warm']) {
	await time(`${pass} metrics by mode`, () => computeMetrics(c, {}));
	await time(`${pass} metrics by channel`, () => computeMetrics(c, { by: 'channel' }));
	await time(`${pass} metrics by queue month filter`, () => computeMetrics(c, { by: 'queue', from: '2026-09-01', to: '2026-10-01' }));
	await time(`${pass} coverage`, () => computeCoverage(c, {}));
	for (const m of ['arrivals', 'backlog', 'concurrency', 'sla', 'frt_p50', 'frt_p90', 'heatmap'])
		await time(`${pass} series ${m} 1h by mode`, () => computeSeries(c, m, { interval: '1h', by: 'mode' }));
	await time(`${pass} series concurrency 15m`, () => computeSeries(c, 'concurrency', { interval: '15m' }));
}
db.close();
