// Recommended actions: what the evidence of the report suggests doing, most pressing first. Pure.

import { ALPHA, formatCount, formatMoney, formatPValue, formatRatio, percentChange } from './findings.js';
import type { Action, WeeklyReport } from './report-model.js';

/** Actions that follow from the evidence, most pressing first; each names what it rests on. */
export function recommendActions(r: WeeklyReport): Action[] {
  const actions: Action[] = [];
  const pct = (x: number) => `${Math.abs(x).toFixed(0)}%`;
  for (const e of r.experiments) {
    if (e.srm && !e.srm.ok)
      actions.push({
        text: `Fix the assignment of "${e.name}" before reading it: its traffic split does not match the plan.`,
        evidence: `Sample-ratio mismatch, ${formatPValue(e.srm.p)}.`,
      });
    else if (e.recommendation?.action === 'ship')
      actions.push({
        text: `Ship ${e.recommendation.variant ? `"${e.recommendation.variant}" of ` : ''}"${e.name}".`,
        evidence: e.recommendation.reason,
      });
    else if (e.recommendation?.action === 'stop')
      actions.push({ text: `Stop "${e.name}".`, evidence: e.recommendation.reason });
  }
  for (const f of r.funnels) {
    const k = r.kpis.find((x) => x.id === `funnel:${f.id}`);
    if (k?.significant && k.current !== null && k.previous !== null && k.current < k.previous && f.hotspot) {
      const who = f.hotspot.overRepresented[0];
      actions.push({
        text: `Look into "${f.hotspot.previousStepName} → ${f.hotspot.stepName}" of the ${f.name}${who ? `, starting with ${who.dimension} ${who.value}` : ''}.`,
        evidence: `${k.sentence} The step loses ${formatRatio(f.hotspot.loss)} of those who reach "${f.hotspot.previousStepName}"${who && who.lift !== null ? `; ${who.dimension} ${who.value} is ${who.lift.toFixed(1)}× as common among them` : ''}.`,
      });
    } else if (
      f.hotspot &&
      f.hotspot.previousLoss !== null &&
      f.hotspot.p !== null &&
      f.hotspot.p < ALPHA &&
      f.hotspot.loss > f.hotspot.previousLoss
    ) {
      actions.push({
        text: `Review "${f.hotspot.stepName}" in the ${f.name}: more people stop before it than last week.`,
        evidence: `Loss at the step rose from ${formatRatio(f.hotspot.previousLoss)} to ${formatRatio(f.hotspot.loss)}, ${formatPValue(f.hotspot.p)}.`,
      });
    }
  }
  for (const s of r.segments) {
    const change = percentChange(s.size, s.previousSize);
    if (change === null || s.previousSize < 20 || Math.abs(change) < 15) continue;
    const grew = change > 0;
    actions.push({
      text: grew
        ? `"${s.name}" grew ${pct(change)}: consider a campaign or a personalized offer for it.`
        : `"${s.name}" shrank ${pct(change)}: check whether that is the outcome you wanted.`,
      evidence: `${formatCount(s.previousSize)} → ${formatCount(s.size)} persons (${formatCount(s.entered)} entered, ${formatCount(s.exited)} exited).`,
    });
  }
  for (const g of r.channels.filter((c) => c.dimension === 'channel')) {
    const worst = g.rows.find((x) => x.value === g.worst);
    if (worst && worst.p !== null && worst.p < ALPHA && (worst.conversion ?? 0) < (worst.previousConversion ?? 0))
      actions.push({
        text: `Check the ${worst.value} channel: its visitors convert less than last week.`,
        evidence: `Conversion ${formatRatio(worst.previousConversion)} → ${formatRatio(worst.conversion)}, ${formatPValue(worst.p)}; revenue ${formatMoney(worst.previousRevenue, r.currency)} → ${formatMoney(worst.revenue, r.currency)}.`,
      });
  }
  for (const g of r.channels) {
    const best = g.rows.find((x) => x.value === g.best);
    if (best && best.p !== null && best.p < ALPHA && (best.conversion ?? 0) > (best.previousConversion ?? 0))
      actions.push({
        text: `Build on the ${best.value} ${g.dimension}: it brought the largest revenue gain and converts better than last week.`,
        evidence: `Conversion ${formatRatio(best.previousConversion)} → ${formatRatio(best.conversion)}, ${formatPValue(best.p)}; revenue ${formatMoney(best.previousRevenue, r.currency)} → ${formatMoney(best.revenue, r.currency)}.`,
      });
  }
  for (const k of r.kpis) {
    if (k.id === 'retention' && k.significant && k.current! < k.previous!)
      actions.push({
        text: 'Win back last month’s new visitors: a welcome series or a returning-visitor offer.',
        evidence: k.sentence!,
      });
  }
  return actions;
}
