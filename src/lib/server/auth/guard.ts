import { error } from '@sveltejs/kit';
import { can, CAPABILITY_WORDS, type Capability, type Role } from './roles';

export interface SignedIn {
	username: string;
	role: Role;
}

/**
 * Throws 403 unless the signed-in user may do `capability`; returns the user.
 * Call it in every load, action and endpoint that reads or writes (besides the check in hooks.server.ts).
 */
export function requireCapability(locals: App.Locals, capability: Capability): SignedIn {
	const user = locals.user;
	if (!user) error(401, 'Sign in first.');
	if (!can(user.role, capability)) {
		locals.denied = true;
		error(403, `Your role (${user.role}) may not ${CAPABILITY_WORDS[capability]}; ask an admin.`);
	}
	return user;
}
