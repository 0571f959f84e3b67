import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/open';
import { requireCapability, type SignedIn } from '$lib/server/auth/guard';
import { addUser, listUsers, resetPassword, setDisabled, setRole } from '$lib/server/auth/users';
import { generatePassword } from '$lib/server/auth/passwords';
import { createToken, listTokens, revokeToken } from '$lib/server/auth/tokens';
import { endAllSessions, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { ROLES } from '$lib/server/auth/roles';
import { clientAddress } from '$lib/server/auth/request';
import { recordAudit } from '$lib/server/audit/index';
import { isUserError } from '$lib/server/errors';
import type { DuckDBConnection } from '@duckdb/node-api';

export const load: PageServerLoad = async ({ locals }) => {
	const me = requireCapability(locals, 'admin');
	const db = await getDatabase();
	return { me: me.username, roles: [...ROLES], users: await listUsers(db.connection), tokens: await listTokens(db.connection, null) };
};

type Done = { message: string; secret?: { label: string; value: string } };

/** One admin action: checks the capability, runs `work`, records it in the audit log; a UserError becomes the form message. */
function adminAction(
	work: (
		connection: DuckDBConnection,
		form: FormData,
		me: SignedIn,
		audit: (action: string, target: string, detail?: Record<string, unknown>) => Promise<void>
	) => Promise<Done>
) {
	return async (event: RequestEvent) => {
		const me = requireCapability(event.locals, 'admin');
		const form = await event.request.formData();
		const db = await getDatabase();
		const audit = (action: string, target: string, detail?: Record<string, unknown>) =>
			recordAudit(db.connection, { actor: me.username, action, target, detail, address: clientAddress(event) });
		try {
			return await work(db.connection, form, me, audit);
		} catch (error) {
			if (isUserError(error)) return fail(400, { message: error.message, secret: undefined });
			throw error;
		}
	};
}

const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	add: adminAction(async (connection, form, _me, audit) => {
		const typed = String(form.get('password') ?? '');
		const password = typed || generatePassword();
		const user = await addUser(connection, field(form, 'username'), field(form, 'role'), password);
		await audit('user_add', user.username, { role: user.role });
		return {
			message: `Added ${user.username} (${user.role}).`,
			secret: typed ? undefined : { label: `Password for ${user.username} (shown once)`, value: password }
		};
	}),
	role: adminAction(async (connection, form, _me, audit) => {
		const username = field(form, 'username');
		const role = field(form, 'role');
		const previous = await setRole(connection, username, role);
		await audit('user_role', username, { from: previous, to: role });
		return { message: `${username} is now ${role}.` };
	}),
	disable: adminAction(async (connection, form, me, audit) => {
		const username = field(form, 'username');
		if (username === me.username) return { message: 'You cannot disable your own account; ask another admin.' };
		await setDisabled(connection, username, true);
		await audit('user_disable', username);
		return { message: `Disabled ${username}; their sessions and API tokens have ended.` };
	}),
	enable: adminAction(async (connection, form, _me, audit) => {
		const username = field(form, 'username');
		await setDisabled(connection, username, false);
		await audit('user_enable', username);
		return { message: `Enabled ${username}.` };
	}),
	reset: adminAction(async (connection, form, _me, audit) => {
		const username = field(form, 'username');
		const password = generatePassword();
		await resetPassword(connection, username, password);
		await audit('user_password_reset', username);
		return {
			message: `New password set for ${username}; their sessions have ended.`,
			secret: { label: `New password for ${username} (shown once)`, value: password }
		};
	}),
	token: adminAction(async (connection, form, _me, audit) => {
		const username = field(form, 'username');
		const label = field(form, 'label');
		const created = await createToken(connection, username, label);
		await audit('token_create', username, { token_id: created.token_id, label });
		return {
			message: `Created API token ${created.token_id} for ${username}.`,
			secret: { label: `API token for ${username} (shown once; send as Authorization: Bearer …)`, value: created.token }
		};
	}),
	revoke: adminAction(async (connection, form, _me, audit) => {
		const tokenId = field(form, 'token_id');
		const owner = await revokeToken(connection, tokenId);
		await audit('token_revoke', owner, { token_id: tokenId });
		return { message: `Revoked API token ${tokenId} of ${owner}.` };
	}),
	/** Ends every session of a user (for yourself: sign out everywhere, then sign in again). */
	sessions: async (event) => {
		const me = requireCapability(event.locals, 'admin');
		const username = field(await event.request.formData(), 'username');
		const db = await getDatabase();
		await endAllSessions(db.connection, username);
		await recordAudit(db.connection, { actor: me.username, action: 'sign_out_everywhere', target: username, address: clientAddress(event) });
		if (username === me.username) {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
			redirect(303, '/login');
		}
		return { message: `Ended every session of ${username}.`, secret: undefined };
	}
};
