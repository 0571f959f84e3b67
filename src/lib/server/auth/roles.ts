/** Roles and what each may do (product.md "Roles"). Checked on the server for every load, action and endpoint. */
export const ROLES = ['viewer', 'analyst', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Capability = 'read' | 'manage_data' | 'plan' | 'admin';

const GRANTS: Record<Role, Capability[]> = {
	viewer: ['read'],
	analyst: ['read', 'manage_data'],
	manager: ['read', 'plan'],
	admin: ['read', 'manage_data', 'plan', 'admin']
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | undefined | null, capability: Capability): boolean {
	return role != null && GRANTS[role].includes(capability);
}

export const CAPABILITY_WORDS: Record<Capability, string> = {
	read: 'read dashboards and plans',
	manage_data: 'upload or delete datasets and edit metric settings',
	plan: 'edit planning assumptions and export staffing reports',
	admin: 'manage users and read the audit log'
};
