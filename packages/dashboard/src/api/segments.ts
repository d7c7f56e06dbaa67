// The segment endpoints the dashboard uses (docs/segments.md): saved segments with their sizes, the live preview,
// templates, members, and the three segment analyses of the query API (insights, overlap, compare).

import { request } from './client.js';
import type { DateRange } from './types.js';
import { runQuery } from './waymark.js';

/** A condition of the segment language (docs/segments.md): an object with exactly one key; checked by the server. */
export type SegmentCondition = Record<string, unknown>;

export interface SavedSegment {
  id: string;
  name: string;
  description?: string;
  condition: SegmentCondition;
  updatedAt: string;
}

/** How a segment's recorded membership moved: members at the end of each day, and the moves of the last 7 days. */
export interface SegmentTrend {
  daily: { day: string; size: number }[];
  lastWeek: { entered: number; exited: number; change: number };
}

/** A saved segment with its members now. */
export interface SizedSegment extends SavedSegment {
  size: number;
  persons: number;
  share: number;
  at: string;
}

export interface SegmentPreview {
  size: number;
  persons: number;
  share: number;
  sample: string[];
  at: string;
}

export interface SegmentTemplate {
  id: string;
  name: string;
  description?: string;
  category: string;
  condition: SegmentCondition;
}

export interface SegmentMember {
  personId: string;
  email: string | null;
  name: string | null;
  lastSeen: string | null;
  revenue: number;
}

export interface SegmentMembersPage {
  segment: string;
  size: number;
  offset: number;
  members: SegmentMember[];
  at: string;
}

export interface SegmentInsightsSpec {
  segment: string;
  interval?: 'day' | 'week' | 'month';
  range?: DateRange;
  limit?: number;
}

export interface ValueCount {
  value: string;
  persons: number;
  share: number;
}

export interface SegmentInsights {
  segment: string;
  range: { from: string; to: string };
  interval: string;
  size: number;
  persons: number;
  /** Recorded members at the end of each period, and who entered and exited in it. */
  periods: { period: string; size: number; entered: number; exited: number }[];
  revenue: number;
  revenuePerMember: number;
  /** Share of the members who bought in the range. */
  buyers: number;
  channels: ValueCount[];
  devices: ValueCount[];
}

export interface SegmentOverlap {
  persons: number;
  segments: { id: string; size: number }[];
  /** `shared[i][j]`: members of both i and j; the diagonal is each size. */
  shared: number[][];
}

export interface SegmentCompareSpec {
  a: string;
  b: string;
  range?: DateRange;
  traits?: string[];
  limit?: number;
}

export interface SegmentDifference {
  kind: 'event' | 'channel' | 'device' | 'country' | 'trait';
  dimension: string;
  value: string;
  a: { persons: number; share: number };
  b: { persons: number; share: number };
  lift: number | null;
  p: number;
}

export interface SegmentComparison {
  a: { id: string; size: number };
  b: { id: string; size: number };
  both: number;
  range: { from: string; to: string };
  differences: SegmentDifference[];
}

const inProject = (path: string, project: string, query = '') =>
  `${path}?project=${encodeURIComponent(project)}${query}`;
const segmentPath = (id: string) => `/api/segments/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function listSegments(project: string, signal?: AbortSignal): Promise<SavedSegment[]> {
  const answer = await request<{ segments: SavedSegment[] }>(
    'GET',
    inProject('/api/segments', project),
    withSignal(signal),
  );
  return answer.segments;
}

/** The saved segments, each with its trend over the last `days` days (`GET /api/segments?trend=N`, one query). */
export async function listSegmentTrends(
  project: string,
  days: number,
  signal?: AbortSignal,
): Promise<(SavedSegment & { trend: SegmentTrend })[]> {
  const answer = await request<{ segments: (SavedSegment & { trend: SegmentTrend })[] }>(
    'GET',
    inProject('/api/segments', project, `&trend=${days}`),
    withSignal(signal),
  );
  return answer.segments;
}

export const getSegment = (project: string, id: string, signal?: AbortSignal) =>
  request<SizedSegment>('GET', inProject(segmentPath(id), project), withSignal(signal));

export const previewSegment = (project: string, condition: SegmentCondition, signal?: AbortSignal) =>
  request<SegmentPreview>('POST', inProject('/api/segments/preview', project, '&sample=0'), {
    body: { condition },
    ...withSignal(signal),
  });

export const createSegment = (
  project: string,
  definition: { name: string; description?: string; condition: SegmentCondition },
) => request<SavedSegment>('POST', inProject('/api/segments', project), { body: definition });

/** Replaces a saved segment's definition; a 400 `ApiError` names the field at fault (`name`, `condition.and[1]…`). */
export const updateSegment = (
  project: string,
  id: string,
  definition: { name: string; description?: string; condition: SegmentCondition },
) => request<SavedSegment>('PUT', inProject(segmentPath(id), project), { body: definition });

/** Deletes a segment; a 409 `ApiError` says what still uses it. */
export const deleteSegment = (project: string, id: string) =>
  request<void>('DELETE', inProject(segmentPath(id), project));

export async function listTemplates(signal?: AbortSignal): Promise<SegmentTemplate[]> {
  const answer = await request<{ templates: SegmentTemplate[] }>('GET', '/api/segments/templates', withSignal(signal));
  return answer.templates;
}

export const addTemplate = (project: string, id: string) =>
  request<SavedSegment>('POST', inProject(`/api/segments/templates/${encodeURIComponent(id)}`, project));

export const segmentMembers = (
  project: string,
  id: string,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
) =>
  request<SegmentMembersPage>(
    'GET',
    inProject(`${segmentPath(id)}/members`, project, `&limit=${page.limit}&offset=${page.offset}`),
    withSignal(signal),
  );

/** Every member's person id as CSV: a plain link, the session cookie authenticates the download. */
export const membersCsvUrl = (project: string, id: string) =>
  inProject(`${segmentPath(id)}/members`, project, '&format=csv');

export const runSegmentInsights = (project: string, spec: SegmentInsightsSpec, signal?: AbortSignal) =>
  runQuery<SegmentInsights>('segment-insights', project, spec, signal);

export const runSegmentOverlap = (project: string, segments: string[], signal?: AbortSignal) =>
  runQuery<SegmentOverlap>('segment-overlap', project, { segments }, signal);

export const runSegmentCompare = (project: string, spec: SegmentCompareSpec, signal?: AbortSignal) =>
  runQuery<SegmentComparison>('segment-compare', project, spec, signal);
