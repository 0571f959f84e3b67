import { join } from 'node:path';

/** The node arguments that start the server process (main.ts beside this file, over the build) from the project root. */
export function serverArguments(root: string): string[] {
	return ['--import', 'tsx', join(root, 'src/lib/server/http/main.ts')];
}
