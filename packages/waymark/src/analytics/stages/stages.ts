// The journey stages analysis: where in the journey (awareness ... advocacy) every person is at the end of the range,
// how they moved between stages and how long they stayed. `POST /api/query/stages`, `waymark query stages`.

import { segmentRestriction } from '../segment-filter.js';
import type { Analysis } from '../analysis.js';
import { resolveRange } from '../date-range.js';
import { savedStageMap } from './stage-map.js';
import { stagesResult, stagesTable, type StageMapSource, type StagesResult } from './stages-result.js';
import { compileStages, type StagesRow } from './stages-sql.js';
import { DEFAULT_BREAKDOWN_LIMIT, breakdownOf, parseStagesSpec, stagesOf, type StagesSpec } from './stages-spec.js';

export const stagesAnalysis: Analysis<StagesSpec, StagesResult> = {
  name: 'stages',
  description:
    'persons per journey stage, transitions, time in stage and conversion, by first-touch channel and device',
  parse: parseStagesSpec,
  async run(ctx, projectId, given) {
    // A spec without `stages` uses the project's saved stage map, else the default one.
    const saved = given.stages ? undefined : await savedStageMap(ctx.definitions, projectId);
    const source: StageMapSource = given.stages ? 'spec' : saved ? 'project' : 'default';
    const spec: StagesSpec = saved ? { ...given, stages: saved } : given;
    const range = resolveRange(spec.range, ctx.now());
    const only = await segmentRestriction(ctx, projectId, spec.segment);
    const compiled = compileStages(ctx.warehouse.database, projectId, spec, range, only);
    const rows = await ctx.warehouse.query<StagesRow>(compiled.sql, compiled.params);
    const result = stagesResult(
      stagesOf(spec),
      breakdownOf(spec),
      range,
      rows,
      spec.breakdownLimit ?? DEFAULT_BREAKDOWN_LIMIT,
    );
    return { ...result, stageMap: source };
  },
  table: stagesTable,
};
