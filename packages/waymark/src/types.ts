// The shapes of the analyses' specs and results, types only: what a client such as the dashboard imports
// (`import type { FunnelResult } from 'waymark/types'`) without the engine's code, or Node's types, coming along.
// `waymark` itself re-exports them all. Specs derived from TypeBox schemas type their word choices (time units,
// filter operators) as unions, because the schemas declare them with `Type.Enum`.

export type { Duration, Period, TimeUnit } from './analytics/time-units.js';
export type { RangeSpec } from './analytics/date-range.js';
export type { FilterOp, PropertyFilter, PropertyRef, Scalar } from './analytics/property.js';
export type { FunnelSpec, FunnelStep } from './analytics/funnels/funnel-spec.js';
export type { FunnelResult } from './analytics/funnels/funnel.js';
export type { Bottleneck, FunnelStepResult, HistogramBin } from './analytics/funnels/funnel-result.js';
export type { FunnelTrendPoint, FunnelTrendsResult, FunnelTrendsSpec } from './analytics/funnels/funnel-trends.js';
export type { DropOffResult, DropOffSpec, OverRepresented } from './analytics/funnels/drop-off.js';
export type { FunnelPerson, FunnelPersonsResult, FunnelPersonsSpec } from './analytics/funnels/funnel-persons.js';
export type { EventSelector } from './analytics/trends/event-selector.js';
export type { Measure, TrendBreakdown, TrendSeries, TrendsSpec } from './analytics/trends/trends-spec.js';
export type { TrendBucket, TrendLine, TrendsResult } from './analytics/trends/trends-result.js';
export type { RetentionPeriod, RetentionSpec } from './analytics/retention/retention-spec.js';
export type {
  AveragePoint,
  RetentionBreakdownValue,
  RetentionCohort,
  RetentionResult,
  RetentionValue,
} from './analytics/retention/retention-result.js';
export type { PathsSpec } from './analytics/paths/paths-spec.js';
export type { PathLink, PathNode, PathsResult, PathsTotals } from './analytics/paths/paths-result.js';
export type { TouchpointsSpec } from './analytics/touchpoints/touchpoints-spec.js';
export type {
  ChannelAttribution,
  Credit,
  TouchPath,
  TouchpointsResult,
} from './analytics/touchpoints/touchpoints-result.js';
export type { Stage, StageEvent } from './analytics/stages/stage-map.js';
export type { StagesSpec } from './analytics/stages/stages-spec.js';
export type {
  StageBreakdown,
  StageBreakdownValue,
  StageMapSource,
  StageResult,
  StagesResult,
  StageTransition,
} from './analytics/stages/stages-result.js';
export type { SegmentPreview } from './segments/segments.js';
export type { SegmentTrend } from './segments/trend.js';
export type { SegmentInsights, SegmentInsightsSpec, SegmentPeriod, ValueCount } from './segments/insights.js';
export type {
  SegmentComparison,
  SegmentCompareSpec,
  SegmentDifference,
  SegmentOverlap,
  SegmentOverlapSpec,
} from './segments/compare.js';
export type { Experiment, Metric } from './decisions/model.js';
export type { ExperimentReport, VariantExposure } from './personalization/results.js';
export type { ExperimentResult, MetricResult, VariantResult, Verdict } from './stats/experiment.js';
export type { Comparison, Lift } from './stats/compare.js';
export type { Recommendation } from './stats/recommendation.js';
export type { SrmResult } from './stats/srm.js';
export type { SampleSize, SampleSizeInput } from './stats/sample-size.js';
export type { HashOn, Rule, Slot, Strategy, Targeting, ValueFilter, Variant, Weekday } from './decisions/model.js';
export type { Decision, DecisionSource } from './decisions/decide.js';
export type { JsonObject, JsonValue } from './core/event.js';
export type { ProfileView, TimelineEvent } from './profiles/profile-view.js';
export type { Dashboard, Insight } from './insights/saved.js';
export type { DeliveryView } from './reports/delivery/delivery-view.js';
export type { EventName } from './analytics/catalog.js';
