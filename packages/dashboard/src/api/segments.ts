// The segment endpoints the dashboard uses (docs/segments.md): saved segments with their sizes, the live preview,
// templates, members, and the three segment analyses of the query API (insights, overlap, compare), whose specs and
// results are the engine's types.

import type {
  SegmentCompareSpec,
  SegmentComparison,
  SegmentInsights,
  SegmentInsightsSpec,
  SegmentOverlap,
  SegmentPreview,
  SegmentTrend,
} from 'waymark/types';
import { request } from './client.js';
import { runQuery } from './waymark.js';

export type {
  SegmentCompareSpec,
  SegmentComparison,
  SegmentDifference,
  SegmentInsights,
  SegmentInsightsSpec,
  SegmentOverlap,
  SegmentPreview,
  SegmentTrend,
  ValueCount,
} from 'waymark/types';

/**
 * A condition of the segment language (docs/segments.md): an object with exactly one key, checked by the server.
 * Looser on purpose than the engine's `Condition`: the builder also sends conditions pasted as JSON, and the
 * server's answer names the field at fault. Saved segments and templates carry it, so they are the dashboard's too.
 */
export type SegmentCondition = Record<string, unknown>;

export interface SavedSegment {
  id: string;
  name: string;
  description?: string;
  condition: SegmentCondition;
  updatedAt: string;
}

/** A saved segment with its members now. */
export interface SizedSegment extends SavedSegment {
  size: number;
  persons: number;
  share: number;
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
