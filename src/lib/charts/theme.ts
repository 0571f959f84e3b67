/** Chart colours. Mode colours match the CSS variables --sync / --async so tiles, tables and charts agree. */
import { registerTheme } from 'echarts/core';

export type ThemeName = 'light' | 'dark';

export const MODE_COLORS: Record<string, string> = { sync: '#2f6fdb', async: '#d9822b', all: '#4a6fa5' };

/**
 * Every series that is not a mode (channels, parts of a cost, outcomes): blue and orange are kept for sync and async
 * alone, so a reader can trust that blue means sync and orange async on every chart.
 */
export const PALETTE = ['#2a9d8f', '#8e6cc1', '#c2546b', '#6c8b3c', '#5c7a99', '#a0527d', '#3b8ea5', '#7a6a55'];

/** Backlog ageing bands, young to old: pale to alarming (no blue or orange: those are the modes). */
export const AGE_COLORS = ['#d5cbe6', '#a993cf', '#7d5fb5', '#c2546b', '#b42318'];

/** Outcomes and parts that are not modes, named once so pages agree. */
export const PART_COLORS = { bot: '#2a9d8f', person: '#5c7a99', waited: '#8e6cc1', missed: '#b42318' } as const;

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
