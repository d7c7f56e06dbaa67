// Every analysis by the name the API (`POST /api/query/<name>`) and the CLI (`waymark query <name>`) know it by.

import { WaymarkError } from '../core/errors.js';
import type { Analysis } from './analysis.js';
import { funnelAnalysis } from './funnels/funnel.js';
import { funnelTrendsAnalysis } from './funnels/funnel-trends.js';
import { dropOffAnalysis } from './funnels/drop-off.js';
import { funnelPersonsAnalysis } from './funnels/funnel-persons.js';
import { trendsAnalysis } from './trends/trends.js';
import { retentionAnalysis } from './retention/retention.js';
import { pathsAnalysis } from './paths/paths.js';
import { touchpointsAnalysis } from './touchpoints/touchpoints.js';
import { stagesAnalysis } from './stages/stages.js';
import { segmentInsightsAnalysis } from '../segments/insights.js';
import { segmentCompareAnalysis, segmentOverlapAnalysis } from '../segments/compare.js';

// Each entry keeps its own spec and result types; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAnalysis = Analysis<any, any>;

export const ANALYSES: readonly AnyAnalysis[] = [
  funnelAnalysis,
  funnelTrendsAnalysis,
  dropOffAnalysis,
  funnelPersonsAnalysis,
  trendsAnalysis,
  retentionAnalysis,
  pathsAnalysis,
  touchpointsAnalysis,
  stagesAnalysis,
  segmentInsightsAnalysis,
  segmentOverlapAnalysis,
  segmentCompareAnalysis,
];

export function analysisNamed(name: string): AnyAnalysis {
  const found = ANALYSES.find((a) => a.name === name);
  if (!found) {
    throw new WaymarkError(
      'not_found',
      `no analysis "${name}"; the analyses are ${ANALYSES.map((a) => a.name).join(', ')}`,
      { field: 'analysis' },
    );
  }
  return found;
}
