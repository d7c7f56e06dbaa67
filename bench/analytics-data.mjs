// Synthetic event data for the analytics benchmarks, generated inside the warehouse with SQL (millions of rows a
// second) rather than through ingest: persons with anonymous and identified ids (a third of them merged through
// the identity map), page views with channels, and a shopping funnel with realistic drop-off over 90 days.
//
//   node bench/analytics-data.mjs --events 10000000 --data-dir /tmp/waymark-bench-10m

import { arg, cli, ROOT } from './lib.mjs';
import { join } from 'node:path';

const events = Number(arg('events', '10000000'));
const dataDir = arg('data-dir', '/tmp/waymark-bench-analytics');
const persons = Math.max(1, Math.round(events / 40));
const end = Date.parse(arg('end', new Date().toISOString().slice(0, 10)));
const days = 90;

cli(['projects', 'create', 'Bench', '--id', 'bench', '--data-dir', dataDir, '--format', 'json']);
const { openEngine } = await import(join(ROOT, 'packages/waymark/dist/engine.js'));
const engine = await openEngine({ dataDir, intakeWorkers: 0 });
const db = engine.warehouse.database;
const started = Date.now();

// Each row: a person p, its sequence number within the person, and a uniform draw u deciding the event.
const insert = `INSERT INTO ${db}.events (project_id, message_id, type, event, distinct_id, anonymous_id, user_id,
    person_id, timestamp, original_timestamp, received_at, properties, traits, context, channel, source, medium,
    campaign, path, device_type, os, browser, country, revenue, currency)
  SELECT 'bench', concat('m', toString(n)), if(name = '$page', 'page', if(name = '$identify', 'identify', 'track')),
    name, did, if(startsWith(did, 'anon'), did, ''), if(startsWith(did, 'user'), did, ''), concat('person-', toString(p)),
    ts, ts, ts,
    if(name = 'Order Completed', concat('{"revenue":', toString(round(20 + (n % 300), 2)), '}'),
       if(name = 'Product Viewed', concat('{"category":"', ['Tents','Boots','Jackets','Backpacks'][1 + n % 4], '"}'), '{}')),
    if(name = '$identify', concat('{"plan":"', ['free','gold','platinum'][1 + p % 3], '","age":', toString(18 + p % 60), '}'), '{}'),
    '{}',
    if(name = '$page' AND n % 5 = 0, ['Direct','Organic Search','Paid Search','Email','Organic Social','Paid Social'][1 + (p + intDiv(n, 5)) % 6], ''),
    '', '', '', if(name = '$page', ['/', '/c/tents', '/c/boots', '/p/ultralight-tent', '/cart'][1 + n % 5], ''),
    ['desktop','mobile','tablet'][1 + p % 3], ['macOS','Windows','iOS','Android'][1 + p % 4],
    ['Chrome','Safari','Firefox'][1 + p % 3], ['United States','Germany','France','United Kingdom'][1 + p % 4],
    if(name = 'Order Completed', round(20 + (n % 300), 2), 0), if(name = 'Order Completed', 'USD', '')
  FROM (
    SELECT number AS n, number % {persons:UInt64} AS p, intDiv(number, {persons:UInt64}) AS k,
      (cityHash64(number) % 10000) / 10000 AS u,
      multiIf(u < 0.50, '$page', u < 0.75, 'Product Viewed', u < 0.83, 'Products Searched', u < 0.90, 'Product Added',
              u < 0.94, 'Checkout Started', u < 0.96, 'Order Completed', u < 0.97, '$identify', 'Email Opened') AS name,
      if(p % 3 = 0 AND k < 10, concat('anon-', toString(p)), concat('user-', toString(p))) AS did,
      fromUnixTimestamp64Milli(toInt64({end:Int64} - {span:Int64} + cityHash64(p, 1) % intDiv({span:Int64}, 2)
        + k * (cityHash64(p, 2) % intDiv({span:Int64}, 2 * {perPerson:Int64})) + cityHash64(number, 3) % 600000), 'UTC') AS ts
    FROM numbers({events:UInt64})
  )`;
await engine.warehouse.command(insert, { persons, events, end, span: days * 86_400_000, perPerson: 41 });
const identities = `INSERT INTO ${db}.identities (project_id, distinct_id, person_id, version)
  SELECT 'bench', concat(prefix, toString(number)), concat('person-', toString(number)), 1
  FROM numbers({persons:UInt64}) ARRAY JOIN ['anon-', 'user-'] AS prefix
  WHERE prefix = 'user-' OR number % 3 = 0`;
await engine.warehouse.command(identities, { persons });
const [count] = await engine.warehouse.query(`SELECT count() AS n FROM ${db}.events WHERE project_id = 'bench'`);
await engine.close();
console.log(JSON.stringify({ dataDir, events: count.n, persons, seconds: (Date.now() - started) / 1000 }));
