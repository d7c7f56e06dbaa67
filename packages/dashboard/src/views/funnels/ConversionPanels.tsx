// Under the funnel chart: the time-to-convert histogram (from the funnel's result) and the conversion trend
// (`funnel-trends` for the same spec, asked for with the funnel), each with its table and CSV, and the run's full
// result as Parquet.

import { useMemo } from 'react';
import type { FunnelSpec } from '../../api/types.js';
import type { FunnelResult, FunnelTrendsResult } from '../../api/types.js';
import { Chart } from '../../charts/Chart.js';
import { DataPanel } from '../../components/DataPanel.js';
import { Empty, Failure, Loading } from '../../components/States.js';
import { formatDuration } from '../../lib/format.js';
import type { AsyncState } from '../../lib/use-async.js';
import {
  timeToConvertOption,
  timeToConvertTable,
  trendInterval,
  trendOption,
  trendSpecOf,
  trendTable,
} from './conversion-model.js';

export function TimeToConvertPanel({
  result,
  run,
}: {
  result: FunnelResult;
  /** The funnel run that made `result`. */
  run: { project: string; spec: FunnelSpec };
}) {
  const option = useMemo(() => timeToConvertOption(result), [result]);
  const ttc = result.timeToConvert;
  const title = 'Time to convert';
  return (
    <DataPanel
      title={title}
      subtitle={`From the first step to the last, for the ${ttc?.persons ?? 0} persons who completed the funnel; median ${formatDuration(ttc?.medianMs ?? null)}.`}
      table={timeToConvertTable(result)}
      query={{ analysis: 'funnel', project: run.project, spec: run.spec, table: 'time-to-convert' }}
      chart={
        (ttc?.bins ?? []).length === 0 ? (
          <Empty title="Nobody completed the funnel in the range" />
        ) : (
          <Chart option={option} label="Persons by time to convert" height={260} />
        )
      }
    />
  );
}

export function ConversionTrendPanel({
  trend,
  spec,
  project,
}: {
  trend: AsyncState<FunnelTrendsResult> & { reload: () => void };
  /** The funnel's spec: the trend ran `trendSpecOf(spec)`. */
  spec: FunnelSpec;
  project: string;
}) {
  const interval = trendInterval(spec.range);
  const data = trend.status === 'done' ? trend.data : null;
  const option = useMemo(() => (data ? trendOption(data) : null), [data]);
  const title = 'Conversion trend';
  if (trend.status === 'loading')
    return (
      <section className="panel">
        <Loading label="Calculating the conversion trend…" />
      </section>
    );
  if (trend.status === 'error') return <Failure error={trend.error} onRetry={trend.reload} />;
  return (
    <DataPanel
      title={title}
      subtitle={`Conversion from the first step to the last, by ${interval} of entering the funnel. Recent ${interval}s may still rise: their windows are open.`}
      table={trendTable(trend.data)}
      query={{ analysis: 'funnel-trends', project, spec: trendSpecOf(spec), table: 'points' }}
      chart={<Chart option={option!} label={`Conversion by ${interval} of entry`} height={260} />}
    />
  );
}
