// The list of saved segments with their sizes now: a table with links, a bar chart of sizes, templates by category.

import type { SegmentTemplate, SegmentTrend, SizedSegment } from '../../api/segments.js';
import type { ChartOption } from '../../charts/echarts.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import type { TableData } from '../../lib/table.js';
import { horizontalBarsOption } from '../../charts/bars.js';

/** A listed segment: its members now and, when the server gave it, its recorded trend. */
export type ListedSegment = SizedSegment & { trend?: SegmentTrend };

/** Largest first, then by name. */
export function bySize<T extends SizedSegment>(segments: T[]): T[] {
  return [...segments].sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
}

const count = (v: unknown) => (typeof v === 'number' ? formatCount(v) : '–');

export function sizesTable(segments: ListedSegment[]): TableData {
  return {
    columns: [
      { key: 'name', label: 'Segment' },
      { key: 'id', label: 'Id' },
      { key: 'members', label: 'Members', numeric: true, format: count },
      { key: 'share', label: '% of persons', numeric: true, format: (v) => formatPercent(v as number) },
      { key: 'entered', label: 'Entered in 7 days', numeric: true, format: count },
      { key: 'exited', label: 'Exited in 7 days', numeric: true, format: count },
      { key: 'updated', label: 'Definition changed' },
    ],
    rows: bySize(segments).map((s) => ({
      name: s.name,
      id: s.id,
      members: s.size,
      share: Math.round(s.share * 10_000) / 10_000,
      entered: s.trend?.lastWeek.entered ?? null,
      exited: s.trend?.lastWeek.exited ?? null,
      updated: s.updatedAt.slice(0, 10),
    })),
  };
}

export function sizesOption(segments: ListedSegment[]): ChartOption {
  const sorted = bySize(segments);
  return horizontalBarsOption(
    sorted.map((s) => s.name),
    [{ name: 'Members', values: sorted.map((s) => s.size) }],
    formatCount,
  );
}

export const CATEGORY_LABELS: Record<string, string> = {
  lifecycle: 'Lifecycle',
  rfm: 'RFM groups',
  value: 'Value',
  engagement: 'Engagement',
  journey: 'Journey stages',
  acquisition: 'Acquisition channel',
};

/** Templates by category, in the order of CATEGORY_LABELS (unknown categories last); already saved ones left out. */
export function templateGroups(
  templates: SegmentTemplate[],
  savedIds: ReadonlySet<string>,
): { category: string; label: string; templates: SegmentTemplate[] }[] {
  const order = Object.keys(CATEGORY_LABELS);
  const categories = [...new Set(templates.map((t) => t.category))].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
  );
  return categories
    .map((category) => ({
      category,
      label: CATEGORY_LABELS[category] ?? category,
      templates: templates.filter((t) => t.category === category && !savedIds.has(t.id)),
    }))
    .filter((g) => g.templates.length > 0);
}

/** Runs `load` over `items`, at most `limit` at a time, keeping the order (sizes of many segments without a storm). */
export async function mapLimited<T, R>(items: T[], limit: number, load: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await load(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
