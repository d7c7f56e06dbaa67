// A KPI's week in a small line: this week solid, last week dashed grey behind it.

import { useMemo } from 'react';
import { Chart } from '../../charts/Chart.js';
import { GREY, OKABE_ITO } from '../../charts/palette.js';
import type { ChartOption } from '../../charts/echarts.js';
import { formatDay } from '../../lib/format.js';
import type { Kpi } from './overview-model.js';

export function Sparkline({ kpi }: { kpi: Kpi }) {
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, data: kpi.days.map(formatDay), boundaryGap: false },
      yAxis: { type: 'value', show: false, min: 0 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        valueFormatter: (v: unknown) => kpi.format(typeof v === 'number' ? v : null),
      },
      series: [
        {
          name: 'Week before',
          type: 'line',
          data: kpi.previousDaily,
          symbol: 'none',
          lineStyle: { color: GREY.axis, width: 1.5, type: 'dashed' },
          itemStyle: { color: GREY.axis },
        },
        {
          name: 'This week',
          type: 'line',
          data: kpi.daily,
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { color: OKABE_ITO.blue, width: 2 },
          itemStyle: { color: OKABE_ITO.blue },
          areaStyle: { color: 'rgba(0, 114, 178, 0.08)' },
        },
      ],
    }),
    [kpi],
  );
  return (
    <Chart option={option} height={56} label={`${kpi.label} per day this week (solid) and the week before (dashed)`} />
  );
}
