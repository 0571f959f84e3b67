import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import '../../../src/lib/charts/echarts';
import type { ChartOption } from '../../../src/lib/charts/echarts';

use(SVGRenderer);

/** Renders an option headless (SSR, SVG) and returns the SVG text. */
export function renderSvg(option: ChartOption, width = 600, height = 300): string {
	const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
	chart.setOption({ ...option, animation: false });
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}
