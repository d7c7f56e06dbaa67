// The ECharts build the dashboard ships: only the charts and components it draws, to keep the first load small
// (the full `echarts` import alone is ~350 kB compressed). Add a chart type here before using it.

import { BarChart, CustomChart, HeatmapChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type {
  BarSeriesOption,
  CustomSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  SankeySeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
// Retention's cohort heatmap and the journeys' Sankey.
echarts.use([HeatmapChart, SankeyChart, VisualMapContinuousComponent]);
// The experiments' lift intervals (a forest plot drawn by a custom series).
echarts.use([CustomChart]);

/** The options of the charts registered above. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | SankeySeriesOption
  | CustomSeriesOption
  | VisualMapComponentOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export { echarts };
