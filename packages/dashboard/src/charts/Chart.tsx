// One ECharts chart in a React tree: created on mount, updated when its option changes, resized with its box.

import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.js';

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table view has the numbers). */
  label: string;
  height?: number;
  className?: string;
  /** Called when a series item is clicked (offer the same action as a button too: charts are not keyboard reachable). */
  onItemClick?: (item: { seriesName: string; dataIndex: number }) => void;
}

export function Chart({ option, label, height = 320, className, onItemClick }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!box.current) return undefined;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onItemClick) return undefined;
    const handler = (p: unknown) => {
      const { seriesName, dataIndex } = p as { seriesName?: string; dataIndex?: number };
      if (seriesName !== undefined && dataIndex !== undefined) onItemClick({ seriesName, dataIndex });
    };
    instance.on('click', handler);
    return () => {
      instance.off('click', handler);
    };
  }, [onItemClick]);

  return <div ref={box} className={className} style={{ height }} role="img" aria-label={label} />;
}
