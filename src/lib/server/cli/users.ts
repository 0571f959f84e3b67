import { UserError } from '../errors';
import { addUser, listUsers, resetPassword, setDisabled, setRole } from '../auth/users';
import { generatePassword } from '../auth/passwords';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import { ROLES } from '../auth/roles';
import { recordAudit } from '../audit/index';
import type { CliCommand } from './command';

/** The whole of stdin, without its final newline (for --password-stdin; never an argument, so it stays out of shell history). */
async function readStdin(): Promise<string> {
	if (process.stdin.isTTY)
		throw new UserError(
			'--password-stdin reads the password from a pipe, for example: printf %s "$PW" | npm run cli -- users add NAME --role viewer --password-stdin.'
		);
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

const USAGE =
	'use users add NAME --role ROLE [--password-stdin], users list, users set-role NAME ROLE, users disable NAME, users enable NAME, users reset-password NAME [--password-stdin], users token NAME LABEL, users tokens [NAME] or users revoke-token ID';

export const usersCommand: CliCommand = {
	spec: 'users <action> [name] [value]',
	description: 'User admin: add, list, set-role, disable, enable, reset-password, token (create an API token), tokens, revoke-token',
	options: [
		{ flags: '--role <role>', description: `Role for users add: ${ROLES.join(', ')}` },
		{ flags: '--password-stdin', description: 'Read the password from stdin (else one is generated and printed once)' }
	],
	examples: [
		'users add maria --role analyst',
		'printf %s "$PW" | npm run cli -- users add ops --role manager --password-stdin',
		'users set-role maria manager',
		'users disable maria --json'
	],
	async run([action, name, value], options, context) {
		const db = await context.database();
		const connection = db.connection;
		const audit = (event: string, target: string, detail?: Record<string, unknown>) => recordAudit(connection, { actor: 'cli', action: event, target, detail });
		const needName = () => {
			if (!name) throw new UserError(`Name the user: ${USAGE}.`);
			return name;
		};
		const password = async () =>
			options.passwordStdin === true ? { value: await readStdin(), generated: false } : { value: generatePassword(), generated: true };

		if (action === 'list') {
			const users = await listUsers(connection);
			return context.print({ users }, users.map((u) => `${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}`).join('\n') || 'No users.');
		}
		if (action === 'add') {
			const role = typeof options.role === 'string' ? options.role : '';
			if (!role) throw new UserError(`Give the role with --role ${ROLES.join('|')}.`);
			const pw = await password();
			const user = await addUser(connection, needName(), role, pw.value);
			await audit('user_add', user.username, { role: user.role });
			const shown = pw.generated ? { password: pw.value } : {};
			return context.print({ user, ...shown }, `Added ${user.username} (${user.role}).` + (pw.generated ? `\nPassword (shown once): ${pw.value}` : ''));
		}
		if (action === 'set-role') {
			if (!value) throw new UserError(`Give the new role: users set-role NAME ${ROLES.join('|')}.`);
			const previous = await setRole(connection, needName(), value);
			await audit('user_role', name, { from: previous, to: value });
			return context.print({ username: name, role: value, previous }, `${name} is now ${value} (was ${previous}).`);
		}
		if (action === 'disable' || action === 'enable') {
			await setDisabled(connection, needName(), action === 'disable');
			await audit(action === 'disable' ? 'user_disable' : 'user_enable', name);
			return context.print(
				{ username: name, disabled: action === 'disable' },
				action === 'disable' ? `Disabled ${name}; their sessions and API tokens have ended.` : `Enabled ${name}.`
			);
		}
		if (action === 'reset-password') {
			const pw = await password();
			await resetPassword(connection, needName(), pw.value);
			await audit('user_password_reset', name);
			return context.print(
				{ username: name, ...(pw.generated ? { password: pw.value } : {}) },
				`New password for ${name} set; their sessions have ended.` + (pw.generated ? `\nPassword (shown once): ${pw.value}` : '')
			);
		}
		if (action === 'token') {
			if (!value) throw new UserError('Give the token a label: users token NAME LABEL.');
			const created = await createToken(connection, needName(), value);
			await audit('token_create', name, { token_id: created.token_id, label: value });
			return context.print(
				{ username: name, ...created },
				`API token ${created.token_id} for ${name} (shown once; send it as Authorization: Bearer …):\n${created.token}`
			);
		}
		if (action === 'tokens') {
			const tokens = await listTokens(connection, name ?? null);
			return context.print(
				{ tokens },
				tokens.map((t) => `${t.token_id}\t${t.username}\t${t.label}\t${t.revoked_at ? 'revoked' : 'active'}`).join('\n') || 'No API tokens.'
			);
		}
		if (action === 'revoke-token') {
			const owner = await revokeToken(connection, needName());
			await audit('token_revoke', owner, { token_id: name });
			return context.print({ revoked: name, username: owner }, `Revoked API token ${name} of ${owner}.`);
		}
		throw new UserError(`Unknown users action "${action}"; ${USAGE}.`);
	}
};
