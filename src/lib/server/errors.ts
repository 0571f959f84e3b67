/**
 * An error the user caused and can fix: its message is one sentence saying what is wrong
 * and what to do. The CLI prints it alone; the server shows it as-is.
 */
export class UserError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UserError';
	}
}

export function isUserError(error: unknown): error is UserError {
	return error instanceof UserError;
}
