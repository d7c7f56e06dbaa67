import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../test-support/scenario.js';
import { openTestStores, type TestStores } from '../test-support/stores.js';
import { EventQuery } from './event-query.js';
import { filterSql, propertyValueSql, asStringSql, type PropertyFilter } from './property.js';
import { ParamBinder } from './sql-params.js';

let stores: TestStores;
const P = 'eq';

beforeAll(async () => {
  stores = await openTestStores();
  await loadScenario(stores, P, [
    {
      type: 'page',
      anonymousId: 'a1',
      at: 0,
      context: { page: { url: 'https://s.test/?utm_source=google&utm_medium=cpc' } },
    },
    {
      type: 'track',
      anonymousId: 'a1',
      event: 'Product Viewed',
      properties: { price: 20, tags: ['x'], item: { sku: 'S1' } },
      at: 1,
    },
    { type: 'identify', anonymousId: 'a1', userId: 'u1', traits: { plan: 'gold', age: 41 }, at: 2 },
    { type: 'track', userId: 'u1', event: 'Product Viewed', properties: { price: '35.5', item: { sku: 'S2' } }, at: 3 },
    { type: 'identify', userId: 'u1', traits: { plan: 'platinum' }, at: 4 },
    { type: 'track', anonymousId: 'a2', event: 'Product Viewed', properties: { price: 5, support: true }, at: 5 },
  ]);
});
afterAll(() => stores.close());

async function matching(filters: PropertyFilter[]): Promise<string[]> {
  const binder = new ParamBinder(P);
  const q = new EventQuery(stores.warehouse.database, binder);
  const conditions = filters.map((f) => filterSql(f, binder, q));
  const sku = asStringSql(propertyValueSql({ property: 'item.sku' }, binder, q));
  const sql = q.sql({
    select: [`ev.person_id AS person`, `${sku} AS sku`, 'ev.distinct_id AS d', 'ev.timestamp AS t'],
    where: [q.eventIn(['Product Viewed'])],
    having: conditions,
  });
  const rows = await stores.warehouse.query<{ person: string; sku: string; d: string }>(
    `${sql} ORDER BY t`,
    binder.params,
  );
  return rows.map((r) => `${r.d}:${r.sku}`);
}

describe('event query', () => {
  it('resolves distinct ids to one person: the anonymous history joins the identified user', async () => {
    const binder = new ParamBinder(P);
    const q = new EventQuery(stores.warehouse.database, binder);
    const rows = await stores.warehouse.query<{ n: number }>(
      `SELECT uniqExact(person) AS n FROM (${q.sql({ select: ['ev.person_id AS person'] })})`,
      binder.params,
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('filters on event properties, numbers in strings included, and nested paths', async () => {
    expect(await matching([{ property: 'price', op: 'gt', value: 10 }])).toEqual(['a1:S1', 'u1:S2']);
    expect(await matching([{ property: 'price', op: 'eq', value: 35.5 }])).toEqual(['u1:S2']);
    expect(await matching([{ property: 'item.sku', op: 'in', value: ['S2', 'S9'] }])).toEqual(['u1:S2']);
    expect(await matching([{ property: 'item', op: 'is_not_set' }])).toEqual(['a2:']);
    expect(await matching([{ property: 'support', op: 'eq', value: true }])).toEqual(['a2:']);
    expect(await matching([{ property: 'tags', op: 'contains', value: 'X' }])).toEqual(['a1:S1']);
    expect(await matching([{ property: 'item.sku', op: 'regex', value: '^S[0-1]$' }])).toEqual(['a1:S1']);
    expect(await matching([{ property: 'item.sku', op: 'neq', value: 'S1' }])).toEqual(['u1:S2', 'a2:']);
  });

  it('filters on person traits by their latest value, for events before the trait was set too', async () => {
    expect(await matching([{ on: 'person', property: 'plan', op: 'eq', value: 'platinum' }])).toEqual([
      'a1:S1',
      'u1:S2',
    ]);
    expect(await matching([{ on: 'person', property: 'plan', op: 'eq', value: 'gold' }])).toEqual([]);
    expect(await matching([{ on: 'person', property: 'age', op: 'gte', value: 40 }])).toEqual(['a1:S1', 'u1:S2']);
    expect(await matching([{ on: 'person', property: 'plan', op: 'is_not_set' }])).toEqual(['a2:']);
  });

  it('reads derived columns with a $ prefix, and utm_* without', async () => {
    const binder = new ParamBinder(P);
    const q = new EventQuery(stores.warehouse.database, binder);
    const source = asStringSql(propertyValueSql({ property: 'utm_source' }, binder, q));
    const channel = asStringSql(propertyValueSql({ property: '$channel' }, binder, q));
    const rows = await stores.warehouse.query<{ s: string; c: string }>(
      q.sql({ select: [`${source} AS s`, `${channel} AS c`], where: ["ev.type = 'page'"] }),
      binder.params,
    );
    expect(rows).toEqual([{ s: 'google', c: 'Paid Search' }]);
  });
});
