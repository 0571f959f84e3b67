// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Role } from '$lib/server/auth/roles';

declare global {
	namespace App {
		interface Locals {
			user: { username: string; role: Role } | null;
			/** set by requireCapability when it refuses the role, so hooks.server.ts audits the refusal */
			denied?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
