/** One schema step: its version, name and statements (applied in one transaction). */
export interface Migration {
	version: number;
	name: string;
	statements: string[];
}
