/**
 * The chosen colour theme, shared by the shell's toggle and every chart; default: the system's.
 * Kept in a cookie (the server renders <html data-theme> from it, see themeCookie.ts) and in localStorage.
 */
import type { ThemeName } from '../charts/theme';
import { parseTheme, themeCookieText } from './themeCookie';

const KEY = 'cm-theme';

function systemTheme(): ThemeName {
	return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedTheme(): ThemeName | null {
	try {
		return parseTheme(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));
	} catch {
		return null;
	}
}

export const theme = $state<{ current: ThemeName }>({ current: 'light' });

/**
 * Takes the theme the server rendered (from the cookie), else the stored one, else the system's; call once in the browser.
 * A choice found only in localStorage (made before the cookie existed) is written to the cookie too.
 */
export function initTheme(): void {
	const rendered = parseTheme(document.documentElement.dataset.theme);
	if (rendered) return setTheme(rendered, false);
	const stored = storedTheme();
	if (stored) return setTheme(stored);
	setTheme(systemTheme(), false);
}

export function setTheme(name: ThemeName, remember = true): void {
	theme.current = name;
	document.documentElement.dataset.theme = name;
	if (!remember) return;
	document.cookie = themeCookieText(name);
	try {
		localStorage.setItem(KEY, name);
	} catch {
		// private mode: the cookie still carries the choice
	}
}
