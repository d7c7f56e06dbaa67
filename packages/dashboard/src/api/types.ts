// The shapes of the server's answers the dashboard reads (docs/api.md, docs/analytics/): only the fields it uses.

export type Role = 'admin' | 'analyst' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Project {
  id: string;
  name: string;
  timeZone: string;
}

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

export interface Duration {
  value: number;
  unit: TimeUnit;
}

export type DateRange = { from: string; to: string } | { last: Duration };

export interface FunnelSpec {
  steps: { event: string; name?: string }[];
  order?: 'ordered' | 'strict' | 'unordered';
  window?: Duration;
  range?: DateRange;
}

export interface FunnelStep {
  index: number;
  name: string;
  event: string;
  count: number;
  conversionFromStart: number;
  conversionFromPrevious: number;
  dropOff: number;
  dropped: number;
  inProgress: number;
  medianMsFromPrevious: number | null;
}

export interface FunnelResult {
  range: { from: string; to: string };
  steps: FunnelStep[];
  timeToConvert?: { persons: number; medianMs: number | null };
}

export interface TrendSeriesSpec {
  event?: string;
  name?: string;
  measure?: 'count' | 'persons' | 'sum' | 'average';
  property?: string;
}

export interface TrendsSpec {
  series: TrendSeriesSpec[];
  interval?: 'hour' | 'day' | 'week' | 'month';
  range?: DateRange;
  breakdown?: { on?: 'event' | 'person'; property: string; limit?: number };
  compare?: boolean;
}

export interface TrendBucket {
  period: string;
  value: number | null;
  previousPeriod?: string;
  previous?: number | null;
  inProgress?: boolean;
}

export interface TrendSeries {
  series: number;
  name: string;
  breakdownValue?: string;
  buckets: TrendBucket[];
  total: number | null;
  previousTotal?: number | null;
}

export interface TrendsResult {
  range: { from: string; to: string };
  previousRange?: { from: string; to: string };
  series: TrendSeries[];
}

/** What `POST /api/query/:analysis` answers around a result. */
export interface QueryAnswer<R> {
  analysis: string;
  project: string;
  tookMs: number;
  result: R;
}

export interface FunnelTrendsSpec extends FunnelSpec {
  interval?: 'hour' | 'day' | 'week' | 'month';
  fromStep?: number;
  toStep?: number;
}

export interface FunnelTrendsResult {
  points: { period: string; entered: number; converted: number; inProgress: number; conversion: number }[];
}
