// Saved slots and experiments of a project, in the state store's definitions table. Saving checks the definition
// (decisions/check.ts) and how it fits the others: a slot's experiment rule must name an experiment whose variants
// are all variants of the slot, and an experiment a slot uses cannot be deleted.

import { WaymarkError } from '../core/errors.js';
import { parseExperiment, parseSlot } from '../decisions/check.js';
import type { Experiment, Slot, Targeting } from '../decisions/model.js';
import { SEGMENT_KIND } from '../segments/segments.js';
import type { DefinitionRepository } from '../state/repositories/definitions.js';

export const SLOT_KIND = 'slot';
export const EXPERIMENT_KIND = 'experiment';

type Store = Pick<DefinitionRepository, 'get' | 'list' | 'put' | 'delete'>;

export interface Saved<T> {
  definition: T;
  updatedAt: string;
}

export async function listSlots(store: Store, projectId: string): Promise<Slot[]> {
  return (await store.list<Slot>(projectId, SLOT_KIND)).map((r) => r.body);
}

export async function listExperiments(store: Store, projectId: string): Promise<Experiment[]> {
  return (await store.list<Experiment>(projectId, EXPERIMENT_KIND)).map((r) => r.body);
}

export async function getSlot(store: Store, projectId: string, id: string): Promise<Slot> {
  const found = await store.get<Slot>(projectId, SLOT_KIND, id);
  if (!found) throw new WaymarkError('not_found', `no slot "${id}"`, { field: 'slot' });
  return found.body;
}

export async function getExperiment(store: Store, projectId: string, id: string): Promise<Experiment> {
  const found = await store.get<Experiment>(projectId, EXPERIMENT_KIND, id);
  if (!found) throw new WaymarkError('not_found', `no experiment "${id}"`, { field: 'experiment' });
  return found.body;
}

/** Every segment a targeting tree names, with the field naming it. */
function segmentRefs(t: Targeting | undefined, field: string, out: [string, string][] = []): [string, string][] {
  if (!t) return out;
  if ('and' in t) t.and.forEach((x, i) => segmentRefs(x, `${field}.and[${i}]`, out));
  else if ('or' in t) t.or.forEach((x, i) => segmentRefs(x, `${field}.or[${i}]`, out));
  else if ('not' in t) segmentRefs(t.not, `${field}.not`, out);
  else if ('segment' in t) out.push([t.segment, `${field}.segment`]);
  return out;
}

/** Targeting may only name saved segments. */
async function checkSegments(store: Store, projectId: string, refs: [string, string][]): Promise<void> {
  for (const [segment, field] of refs) {
    if (!(await store.get(projectId, SEGMENT_KIND, segment)))
      throw new WaymarkError('invalid_request', `${field}: no segment "${segment}" in this project`, { field });
  }
}

/** The variants of `e` a slot lacks, for the error that names them. */
function missingVariants(slot: Slot, e: Experiment): string[] {
  const ids = new Set(slot.variants.map((v) => v.id));
  return e.variants.map((v) => v.id).filter((id) => !ids.has(id));
}

async function checkExistence(store: Store, projectId: string, kind: string, id: string, replace: boolean) {
  const existing = await store.get(projectId, kind, id);
  if (!replace && existing)
    throw new WaymarkError('conflict', `a ${kind} "${id}" exists already; choose another id or update it`, {
      field: 'id',
    });
  if (replace && !existing) throw new WaymarkError('not_found', `no ${kind} "${id}"`, { field: kind });
}

export async function saveSlot(
  store: Store,
  projectId: string,
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean },
): Promise<Slot> {
  const slot = parseSlot(raw, options.id);
  await checkExistence(store, projectId, SLOT_KIND, slot.id, options.replace);
  await checkSegments(
    store,
    projectId,
    slot.rules.flatMap((r, i) => segmentRefs(r.when, `rules[${i}].when`)),
  );
  for (const [i, rule] of slot.rules.entries()) {
    if (rule.strategy.type !== 'experiment') continue;
    const field = `rules[${i}].strategy.experiment`;
    const found = await store.get<Experiment>(projectId, EXPERIMENT_KIND, rule.strategy.experiment);
    if (!found)
      throw new WaymarkError('invalid_request', `${field}: no experiment "${rule.strategy.experiment}"`, { field });
    const missing = missingVariants(slot, found.body);
    if (missing.length > 0)
      throw new WaymarkError(
        'invalid_request',
        `${field}: experiment "${found.body.id}" assigns ${missing.map((m) => `"${m}"`).join(', ')}, which this slot has no variant for`,
        { field },
      );
  }
  await store.put(projectId, SLOT_KIND, slot.id, slot, now);
  return slot;
}

/** Slots with a rule that runs experiment `id`. */
async function slotsUsing(store: Store, projectId: string, id: string): Promise<Slot[]> {
  return (await listSlots(store, projectId)).filter((s) =>
    s.rules.some((r) => r.strategy.type === 'experiment' && r.strategy.experiment === id),
  );
}

export async function saveExperiment(
  store: Store,
  projectId: string,
  raw: unknown,
  now: number,
  options: { id?: string; replace: boolean },
): Promise<Experiment> {
  const e = parseExperiment(raw, options.id);
  await checkExistence(store, projectId, EXPERIMENT_KIND, e.id, options.replace);
  await checkSegments(store, projectId, segmentRefs(e.targeting, 'targeting'));
  for (const slot of await slotsUsing(store, projectId, e.id)) {
    const missing = missingVariants(slot, e);
    if (missing.length > 0)
      throw new WaymarkError(
        'invalid_request',
        `variants: slot "${slot.id}" runs this experiment and has no variant ${missing.map((m) => `"${m}"`).join(', ')}`,
        { field: 'variants' },
      );
  }
  // Starting an experiment stamps its start; stopping it stamps its stop (exposures count in between).
  if (e.status === 'running' && e.start === undefined) e.start = new Date(now).toISOString();
  if (e.status === 'stopped' && e.stop === undefined) e.stop = new Date(now).toISOString();
  await store.put(projectId, EXPERIMENT_KIND, e.id, e, now);
  return e;
}

export async function deleteSlot(store: Store, projectId: string, id: string): Promise<void> {
  if (!(await store.delete(projectId, SLOT_KIND, id)))
    throw new WaymarkError('not_found', `no slot "${id}"`, { field: 'slot' });
}

export async function deleteExperiment(store: Store, projectId: string, id: string): Promise<void> {
  const users = await slotsUsing(store, projectId, id);
  if (users.length > 0)
    throw new WaymarkError(
      'conflict',
      `experiment "${id}" runs in slot ${users.map((s) => `"${s.id}"`).join(', ')}: change those rules first`,
      { field: 'experiment' },
    );
  if (!(await store.delete(projectId, EXPERIMENT_KIND, id)))
    throw new WaymarkError('not_found', `no experiment "${id}"`, { field: 'experiment' });
}
