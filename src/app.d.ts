// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			user: { username: string; role: 'viewer' | 'analyst' | 'manager' | 'admin' } | null;
		}
	}
}

export {};
