import type { Capability } from './roles';

/**
 * The route → capability table hooks.server.ts enforces before any load, action or endpoint runs
 * (each of them checks again with requireCapability). `null` = public (no sign-in needed).
 * Rules are tried in order; the first whose path prefix and method match wins.
 */
interface AccessRule {
	/** path prefix: matches the path itself and anything below it */
	path: string;
	/** 'read' = GET/HEAD/OPTIONS, 'write' = every other method, 'any' = both */
	methods: 'read' | 'write' | 'any';
	/** one capability, or several of which any one will do (the action itself then checks the exact one) */
	capability: Capability | readonly Capability[] | null;
}

export const ACCESS_RULES: readonly AccessRule[] = [
	{ path: '/login', methods: 'any', capability: null },
	// signing out needs no live session (an expired one still clears its cookie)
	{ path: '/logout', methods: 'any', capability: null },
	{ path: '/settings/users', methods: 'any', capability: 'admin' },
	{ path: '/settings/audit', methods: 'any', capability: 'admin' },
	{ path: '/api/users', methods: 'any', capability: 'admin' },
	{ path: '/api/audit', methods: 'any', capability: 'admin' },
	{ path: '/api/reports', methods: 'any', capability: 'plan' },
	{ path: '/api/plan', methods: 'write', capability: 'plan' },
	{ path: '/api/datasets', methods: 'write', capability: 'manage_data' },
	{ path: '/api/settings', methods: 'write', capability: 'manage_data' },
	{ path: '/api', methods: 'read', capability: 'read' },
	// uploads and imports (and their progress) belong to those who may load data
	{ path: '/data/upload', methods: 'any', capability: 'manage_data' },
	{ path: '/data/import', methods: 'any', capability: 'manage_data' },
	{ path: '/data/preview', methods: 'any', capability: 'manage_data' },
	// reject reports hold rejected lines (masked, still customer rows): for those who load data
	{ path: '/data/rejects', methods: 'any', capability: 'manage_data' },
	{ path: '/data', methods: 'write', capability: 'manage_data' },
	// /settings?/save holds metric sections (manage_data) and the planning section (plan); the action tells them apart
	{ path: '/settings', methods: 'write', capability: ['manage_data', 'plan'] },
	// the conversations behind a chart (row level, customer hashes): for those who feed and check the data
	{ path: '/conversations', methods: 'any', capability: 'manage_data' },
	{ path: '/plan/export', methods: 'any', capability: 'plan' },
	{ path: '/plan/report', methods: 'any', capability: 'plan' },
	{ path: '/plan', methods: 'write', capability: 'plan' },
	// every page and download reads
	{ path: '/', methods: 'read', capability: 'read' }
];

/** Unlisted writes (a new form action or endpoint nobody added here) need the strongest capability until listed. */
export const UNLISTED_WRITE: Capability = 'admin';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isReadMethod(method: string): boolean {
	return READ_METHODS.has(method.toUpperCase());
}

function under(pathname: string, prefix: string): boolean {
	return prefix === '/' || pathname === prefix || pathname.startsWith(prefix + '/');
}

/** The capabilities of which a request needs one: null when public. */
export function requiredCapability(method: string, rawPathname: string): readonly Capability[] | null {
	const kind = isReadMethod(method) ? 'read' : 'write';
	// Kit routes on the decoded path ("/settings/%75sers" is /settings/users): the table must see the same one
	let pathname = rawPathname;
	try {
		pathname = decodeURI(rawPathname);
	} catch {
		// a malformed escape routes nowhere; the raw path is as good as any
	}
	for (const rule of ACCESS_RULES) {
		if ((rule.methods === 'any' || rule.methods === kind) && under(pathname, rule.path)) {
			return rule.capability === null ? null : typeof rule.capability === 'string' ? [rule.capability] : rule.capability;
		}
	}
	return [kind === 'read' ? 'read' : UNLISTED_WRITE];
}
