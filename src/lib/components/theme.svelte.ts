/** The chosen colour theme, shared by the shell's toggle and every chart. Stored in localStorage; default: the system's. */
import type { ThemeName } from '../charts/theme';

const KEY = 'cm-theme';

function systemTheme(): ThemeName {
	return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedTheme(): ThemeName | null {
	try {
		const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
		return value === 'dark' || value === 'light' ? value : null;
	} catch {
		return null;
	}
}

export const theme = $state<{ current: ThemeName }>({ current: 'light' });

/** Reads the stored or system theme and applies it to <html data-theme>; call once in the browser. */
export function initTheme(): void {
	setTheme(storedTheme() ?? systemTheme(), false);
}

export function setTheme(name: ThemeName, remember = true): void {
	theme.current = name;
	document.documentElement.dataset.theme = name;
	if (remember) {
		try {
			localStorage.setItem(KEY, name);
		} catch {
			// private mode: the choice lasts for this page only
		}
	}
}
