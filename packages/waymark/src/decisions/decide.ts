// The decision for one slot and one person: which variant, and why. Pure and total: whatever the definitions or the
// input hold, it returns a decision (the default variant with a reason when nothing better can be said).
//
//   1. the slot is paused, or the person is in its holdout: the default
//   2. the rules by priority: the first whose targeting matches decides, through its strategy
//      (a fixed variant, a weighted split, an experiment's assignment, a bandit's current weights);
//      an experiment that is not running or does not include the person passes on to the next rule
//   3. no rule: the default

import { bucket, pickWeighted } from './hash.js';
import type { Experiment, HashOn, Rule, Slot, Variant } from './model.js';
import { matches, Unevaluable, type TargetingFacts } from './targeting.js';

export type DecisionSource = 'rule' | 'experiment' | 'bandit' | 'holdout' | 'default';

export interface DecisionRequest {
  userId?: string;
  anonymousId?: string;
  /** Segments the person belongs to (the server knows them; local evaluation may not). */
  segments?: ReadonlySet<string>;
  traits?: Readonly<Record<string, unknown>>;
  context?: Readonly<Record<string, unknown>>;
  now: number;
}

export interface DecisionEnv {
  experiments: ReadonlyMap<string, Experiment>;
  /** Current traffic weights of bandit rules, by `slot:rule`; absent: equal weights. */
  banditWeights?: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

export interface Decision {
  slot: string;
  /** null only for an unknown slot. */
  variant: string | null;
  content?: Variant['content'];
  offer?: string;
  source: DecisionSource;
  reason: string;
  rule?: string;
  experiment?: string;
}

/** The id assignment hashes, by the slot's or experiment's `hashOn`; undefined when the request has neither id. */
export function unitOf(request: Pick<DecisionRequest, 'userId' | 'anonymousId'>, hashOn: HashOn = 'anonymousId') {
  const { userId, anonymousId } = request;
  return hashOn === 'userId' ? (userId ?? anonymousId) : (anonymousId ?? userId);
}

/** Whether an experiment takes exposures at `now`. */
export function isRunning(e: Experiment, now: number): boolean {
  if (e.status !== 'running') return false;
  if (e.start !== undefined && now < Date.parse(e.start)) return false;
  if (e.stop !== undefined && now >= Date.parse(e.stop)) return false;
  return true;
}

/**
 * The experiment's variant for a person, or why they are not in it. Eligibility: running, targeting, then the
 * traffic share (its own hash, so that changing the traffic keeps everyone's variant).
 */
export function assignExperiment(
  e: Experiment,
  request: DecisionRequest,
  facts: TargetingFacts,
): { variant: string } | { skip: string } {
  if (!isRunning(e, request.now)) return { skip: `experiment "${e.id}" is not running` };
  const unit = unitOf(request, e.hashOn);
  if (unit === undefined) return { skip: 'the request has no userId or anonymousId' };
  if (e.targeting && !matches(e.targeting, facts)) return { skip: `not targeted by experiment "${e.id}"` };
  const seed = e.seed ?? e.id;
  if (bucket(`${seed}:traffic`, unit) >= (e.traffic ?? 1)) return { skip: `outside experiment "${e.id}"'s traffic` };
  const i = pickWeighted(
    bucket(seed, unit),
    e.variants.map((v) => v.weight),
  );
  if (i < 0) return { skip: `experiment "${e.id}" has no weighted variant` };
  return { variant: (e.variants[i] as { id: string }).id };
}

/** What decisions need of a slot, computed once per slot object (definitions are replaced, never mutated). */
interface Prepared {
  variants: Map<string, Variant>;
  rules: Rule[];
}
const prepared = new WeakMap<Slot, Prepared>();

function prepare(slot: Slot): Prepared {
  let p = prepared.get(slot);
  if (!p) {
    const rules = slot.rules
      .map((rule, i) => ({ rule, i }))
      .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.i - b.i)
      .map((x) => x.rule);
    p = { variants: new Map(slot.variants.map((v) => [v.id, v])), rules };
    prepared.set(slot, p);
  }
  return p;
}

export function decide(slot: Slot | undefined, slotId: string, request: DecisionRequest, env: DecisionEnv): Decision {
  if (!slot) return { slot: slotId, variant: null, source: 'default', reason: `no slot "${slotId}"` };
  const { variants, rules } = prepare(slot);
  const make = (variantId: string, source: DecisionSource, reason: string, extra: Partial<Decision> = {}) => {
    const v = variants.get(variantId);
    if (!v) return fallback(`variant "${variantId}" is not a variant of this slot`);
    return {
      slot: slot.id,
      variant: v.id,
      ...(v.content === undefined ? {} : { content: v.content }),
      ...(v.offer === undefined ? {} : { offer: v.offer }),
      source,
      reason,
      ...extra,
    } satisfies Decision;
  };
  const fallback = (reason: string): Decision => {
    const v = variants.get(slot.default);
    return {
      slot: slot.id,
      variant: v ? v.id : null,
      ...(v?.content === undefined ? {} : { content: v.content }),
      ...(v?.offer === undefined ? {} : { offer: v.offer }),
      source: 'default',
      reason,
    };
  };
  try {
    if (slot.status === 'paused') return fallback('the slot is paused');
    const unit = unitOf(request, slot.hashOn);
    const seed = slot.seed ?? slot.id;
    if (slot.holdout && unit !== undefined && bucket(`${seed}:holdout`, unit) < slot.holdout)
      return { ...make(slot.default, 'holdout', `in the slot's ${Math.round(slot.holdout * 100)}% holdout`) };
    const facts: TargetingFacts = {
      segments: request.segments,
      traits: request.traits ?? {},
      context: request.context ?? {},
      now: request.now,
    };
    const passed: string[] = [];
    for (const rule of rules) {
      let targeted: boolean;
      try {
        targeted = rule.when === undefined || matches(rule.when, facts);
      } catch (error) {
        if (error instanceof Unevaluable) return fallback(`rule "${rule.id}" could not be evaluated: ${error.message}`);
        throw error;
      }
      if (!targeted) continue;
      const s = rule.strategy;
      const at = { rule: rule.id };
      if (s.type === 'variant') return make(s.variant, 'rule', `rule "${rule.id}" matched`, at);
      if (unit === undefined) return fallback(`rule "${rule.id}" splits persons, but the request has no id`);
      if (s.type === 'split') {
        const ids = Object.keys(s.weights);
        const i = pickWeighted(
          bucket(`${seed}:${rule.id}`, unit),
          ids.map((id) => s.weights[id] as number),
        );
        if (i < 0) return fallback(`rule "${rule.id}" has no weighted variant`);
        return make(ids[i] as string, 'rule', `rule "${rule.id}" matched (weighted split)`, at);
      }
      if (s.type === 'bandit') {
        const weights = env.banditWeights?.get(`${slot.id}:${rule.id}`);
        const w = s.variants.map((id) => (weights ? (weights[id] ?? 0) : 1));
        const i = pickWeighted(bucket(`${seed}:${rule.id}:bandit`, unit), w);
        if (i < 0) return fallback(`rule "${rule.id}"'s bandit has no variant with traffic`);
        const how = weights ? 'traffic by chance to be best' : 'equal traffic until results come in';
        return make(s.variants[i] as string, 'bandit', `rule "${rule.id}" matched (bandit, ${how})`, at);
      }
      const experiment = env.experiments.get(s.experiment);
      if (!experiment) return fallback(`rule "${rule.id}" refers to unknown experiment "${s.experiment}"`);
      let assigned: ReturnType<typeof assignExperiment>;
      try {
        assigned = assignExperiment(experiment, request, facts);
      } catch (error) {
        if (error instanceof Unevaluable)
          return fallback(`experiment "${experiment.id}"'s targeting could not be evaluated: ${error.message}`);
        throw error;
      }
      if ('skip' in assigned) {
        passed.push(assigned.skip);
        continue;
      }
      return make(assigned.variant, 'experiment', `assigned by experiment "${experiment.id}"`, {
        ...at,
        experiment: experiment.id,
      });
    }
    return fallback(passed.length > 0 ? `no rule applied (${passed.join('; ')})` : 'no rule matched');
  } catch (error) {
    return fallback(`the decision failed: ${(error as Error).message}`);
  }
}
