/** Chart colours. Mode colours match the CSS variables --sync / --async so tiles, tables and charts agree. */
import { registerTheme } from 'echarts/core';

export type ThemeName = 'light' | 'dark';

export const MODE_COLORS: Record<string, string> = { sync: '#2f6fdb', async: '#d9822b', all: '#4a6fa5' };

/** A calm categorical palette (sync blue and async orange first), readable on both backgrounds. */
export const PALETTE = ['#2f6fdb', '#d9822b', '#2a9d8f', '#8e6cc1', '#c2546b', '#6c8b3c', '#b08a2e', '#5c7a99'];

/** Backlog ageing bands, young to old: pale to alarming. */
export const AGE_COLORS = ['#9cc3e6', '#5b9bd5', '#e0a458', '#d9692b', '#b42318'];

interface ThemeColors {
	text: string;
	muted: string;
	line: string;
	panel: string;
	tooltip: string;
}

export const THEME_COLORS: Record<ThemeName, ThemeColors> = {
	light: { text: '#1c2430', muted: '#5d6b7c', line: '#e4e8ee', panel: '#ffffff', tooltip: '#ffffff' },
	dark: { text: '#e6e9ee', muted: '#9aa6b5', line: '#2c3440', panel: '#1a2029', tooltip: '#232b36' }
};

function echartsTheme(name: ThemeName): object {
	const c = THEME_COLORS[name];
	const axis = {
		axisLine: { lineStyle: { color: c.line } },
		axisTick: { lineStyle: { color: c.line } },
		axisLabel: { color: c.muted },
		splitLine: { lineStyle: { color: c.line } },
		nameTextStyle: { color: c.muted }
	};
	return {
		color: PALETTE,
		backgroundColor: 'transparent',
		textStyle: { color: c.text, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
		legend: { textStyle: { color: c.muted } },
		tooltip: { backgroundColor: c.tooltip, borderColor: c.line, textStyle: { color: c.text } },
		categoryAxis: axis,
		valueAxis: axis,
		timeAxis: axis,
		visualMap: { textStyle: { color: c.muted } },
		dataZoom: { textStyle: { color: c.muted }, borderColor: c.line }
	};
}

let registered = false;

/** Registers "cm-light" and "cm-dark" once; returns the registered name for a theme. */
export function chartTheme(name: ThemeName): string {
	if (!registered) {
		registerTheme('cm-light', echartsTheme('light'));
		registerTheme('cm-dark', echartsTheme('dark'));
		registered = true;
	}
	return `cm-${name}`;
}
