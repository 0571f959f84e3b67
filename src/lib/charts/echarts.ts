/**
 * The one place ECharts is imported: only the charts and components the dashboard uses
 * (echarts/core keeps the client bundle small; quality.md client budget).
 */
import { use, type ComposeOption } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import {
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import type {
	DataZoomComponentOption,
	GridComponentOption,
	LegendComponentOption,
	MarkAreaComponentOption,
	MarkLineComponentOption,
	TooltipComponentOption,
	VisualMapComponentOption
} from 'echarts/components';

use([
	LineChart,
	BarChart,
	HeatmapChart,
	ScatterChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	DataZoomComponent,
	VisualMapComponent,
	MarkAreaComponent,
	MarkLineComponent
]);

/** What every option builder returns: an option made only of the registered parts. */
export type ChartOption = ComposeOption<
	| LineSeriesOption
	| BarSeriesOption
	| HeatmapSeriesOption
	| ScatterSeriesOption
	| GridComponentOption
	| TooltipComponentOption
	| LegendComponentOption
	| DataZoomComponentOption
	| VisualMapComponentOption
	| MarkAreaComponentOption
	| MarkLineComponentOption
>;

/** A click on a chart element (Chart.svelte's onpick): which series and which of its data points. */
export interface ChartPick {
	seriesIndex: number;
	seriesName: string;
	dataIndex: number;
	value: unknown;
}
