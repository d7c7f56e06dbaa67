// One ECharts chart in a React tree: created on mount, updated when its option changes, resized with its box.

import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.js';

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table view has the numbers). */
  label: string;
  height?: number;
  className?: string;
}

export function Chart({ option, label, height = 320, className }: ChartProps) {
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

  return <div ref={box} className={className} style={{ height }} role="img" aria-label={label} />;
}
