/**
 * The theme choice as a cookie as well as in localStorage: the server reads it to render <html data-theme>,
 * so a dark page is dark from its first paint (an inline script could do it sooner, but the CSP forbids one).
 */
import type { ThemeName } from '../charts/theme';

export const THEME_COOKIE = 'cm-theme';

/** The placeholder in src/app.html that hooks.server.ts replaces with the data-theme attribute. */
export const THEME_PLACEHOLDER = '%cm.theme%';

const ONE_YEAR_S = 365 * 86_400;

export function parseTheme(value: string | null | undefined): ThemeName | null {
	return value === 'dark' || value === 'light' ? value : null;
}

/** The <html> attribute for a cookie value: none without a choice, so the CSS follows the system's preference. */
export function themeAttribute(cookie: string | undefined): string {
	const name = parseTheme(cookie);
	return name ? `data-theme="${name}"` : '';
}

/** A `document.cookie` assignment that keeps the choice for a year on every path. */
export function themeCookieText(name: ThemeName): string {
	return `${THEME_COOKIE}=${name}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
}
