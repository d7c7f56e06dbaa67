// The library: what the server and the CLI are built from, for use from TypeScript directly.
//
//   const engine = await openEngine({ dataDir: './data' });
//   await importFile(engine, { projectId: 'demo', file: 'events.jsonl', format: 'jsonl' });
//   const profile = await new ProfileReader(engine.state, engine.warehouse).get('demo', 'user-1');
//   await engine.close();

export { openEngine, type Engine, type EngineOptions } from './engine.js';
export type * from './types.js';
export { WaymarkError, type ErrorCode, type Result } from './core/errors.js';
export type { CallType, EventRow, IncomingEvent, JsonObject, JsonValue, SegmentCall } from './core/event.js';
export { normalizeCall, type NormalizeContext } from './core/normalize.js';
export { createCallValidator, type CallValidator } from './core/schema.js';
export { DEFAULT_LIMITS, type IngestLimits } from './core/limits.js';
export type { Profile } from './core/profile.js';
export { ProfileReader, type ProfileView, type TimelineEvent } from './profiles/profile-reader.js';
export { importFile, importCalls, type ImportOptions, type ImportSummary } from './transfer/import.js';
export { exportEvents, exportProfiles, type ExportFormat } from './transfer/export.js';
export { generateDemo, DEFAULT_DEMO, type DemoOptions } from './demo/generate.js';
export type { Warehouse } from './warehouse/warehouse.js';
export { resolvedEventsSql, currentIdentitiesSql } from './warehouse/identity-sql.js';
export type { StateStore } from './state/state-store.js';
export type { Analysis, AnalysisContext, ResultTable } from './analytics/analysis.js';
export { ANALYSES, analysisNamed } from './analytics/analyses.js';
export { funnelAnalysis } from './analytics/funnels/funnel.js';
export { funnelTrendsAnalysis } from './analytics/funnels/funnel-trends.js';
export { dropOffAnalysis } from './analytics/funnels/drop-off.js';
export { funnelPersonsAnalysis } from './analytics/funnels/funnel-persons.js';
export { trendsAnalysis } from './analytics/trends/trends.js';
export { retentionAnalysis } from './analytics/retention/retention.js';
export { pathsAnalysis } from './analytics/paths/paths.js';
export { touchpointsAnalysis } from './analytics/touchpoints/touchpoints.js';
export { stagesAnalysis } from './analytics/stages/stages.js';
export { DEFAULT_STAGE_MAP } from './analytics/stages/stage-map.js';
export { parseCondition, parseSegmentDefinition } from './segments/definition-check.js';
export type { Condition, SegmentDefinition } from './segments/definition.js';
export { compileSegment, segmentPersonsSql } from './segments/compile.js';
export {
  previewSegment,
  segmentMembers,
  saveSegment,
  getSegment,
  listSegments,
  deleteSegment,
  type SegmentPreview,
  type SavedSegment,
} from './segments/segments.js';
export { SEGMENT_TEMPLATES, segmentTemplate } from './segments/templates.js';
export { refreshSegment, storedMembers, SEGMENT_ENTERED, SEGMENT_EXITED } from './segments/membership.js';
export { segmentInsightsAnalysis } from './segments/insights.js';
export { segmentOverlapAnalysis, segmentCompareAnalysis } from './segments/compare.js';
