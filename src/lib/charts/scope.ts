/** What the charts of a page show (dataset, range, filters), set once by the page frame; PNG downloads print it. */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chart-scope');

/** e.g. "Dataset demo · 6 Sep – 5 Oct 2026 · chat"; a function so it follows the page's filters. */
export type ChartScope = () => string;

export function setChartScope(scope: ChartScope): void {
	setContext(KEY, scope);
}

export function getChartScope(): ChartScope | undefined {
	return getContext<ChartScope | undefined>(KEY);
}

/** "Mix frontier" + "Dataset demo · 6 Sep – 5 Oct 2026" → "mix-frontier_dataset-demo-6-sep-5-oct-2026.png" */
export function pngFileName(title: string, scope: string): string {
	const slug = (text: string) =>
		text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '');
	return [slug(title), slug(scope)].filter(Boolean).join('_') + '.png';
}
