import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: { external: ['@duckdb/node-api', '@node-rs/argon2', 'exceljs', 'pdfkit'] },
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/globalSetup.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// one file at a time: browser, server and big-import files each want both cores; in parallel a page load could starve past its timeout
		fileParallelism: false,
		expect: { requireAssertions: true }
	}
});
