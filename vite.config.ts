import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/** Integration tests that start the built server; they run with the browser tests, after the build. */
const SERVER_TESTS = [
	'tests/integration/planning/plan-worker.test.ts',
	'tests/integration/reliability/restart.test.ts',
	'tests/integration/uploads/upload.test.ts',
	'tests/integration/dashboard/drill-export.test.ts'
];

export default defineConfig({
	plugins: [sveltekit()],
	ssr: { external: ['@duckdb/node-api', '@node-rs/argon2', 'exceljs', 'pdfkit'] },
	test: {
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		expect: { requireAssertions: true },
		// unit tests first, in parallel and without the build (`npx vitest run --project unit` takes seconds); then real
		// DuckDB files one at a time; then the built server and the browser one at a time: each wants both cores, and in
		// parallel a page load could starve past its timeout
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
			{
				extends: true,
				test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], exclude: SERVER_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } }
			},
			{
				extends: true,
				test: {
					name: 'server',
					include: ['tests/e2e/**/*.test.ts', ...SERVER_TESTS],
					globalSetup: ['tests/globalSetup.ts'],
					fileParallelism: false,
					sequence: { groupOrder: 2 }
				}
			}
		]
	}
});
