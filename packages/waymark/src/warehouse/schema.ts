// Warehouse schema as versioned migrations, applied in order at start-up. A migration never changes once it has
// shipped: schema changes are new entries at the end.

export interface WarehouseMigration {
  version: number;
  name: string;
  /** Statements with `{db}` where the database name goes. */
  statements: readonly string[];
}

export const EVENT_COLUMNS = [
  'project_id',
  'message_id',
  'type',
  'event',
  'distinct_id',
  'anonymous_id',
  'user_id',
  'person_id',
  'timestamp',
  'original_timestamp',
  'sent_at',
  'received_at',
  'properties',
  'traits',
  'context',
  'group_id',
  'previous_id',
  'channel',
  'source',
  'medium',
  'campaign',
  'term',
  'content',
  'referrer_domain',
  'url',
  'path',
  'device_type',
  'os',
  'browser',
  'country',
  'locale',
  'revenue',
  'currency',
] as const;

export const WAREHOUSE_MIGRATIONS: readonly WarehouseMigration[] = [
  {
    version: 1,
    name: 'events and identities',
    statements: [
      `CREATE TABLE IF NOT EXISTS {db}.events (
        project_id LowCardinality(String),
        message_id String,
        type LowCardinality(String),
        event LowCardinality(String),
        distinct_id String,
        anonymous_id String,
        user_id String,
        person_id String,
        timestamp DateTime64(3, 'UTC'),
        original_timestamp DateTime64(3, 'UTC'),
        sent_at Nullable(DateTime64(3, 'UTC')),
        received_at DateTime64(3, 'UTC'),
        properties String CODEC(ZSTD(3)),
        traits String CODEC(ZSTD(3)),
        context String CODEC(ZSTD(3)),
        group_id String,
        previous_id String,
        channel LowCardinality(String),
        source LowCardinality(String),
        medium LowCardinality(String),
        campaign LowCardinality(String),
        term String,
        content String,
        referrer_domain LowCardinality(String),
        url String CODEC(ZSTD(3)),
        path String,
        device_type LowCardinality(String),
        os LowCardinality(String),
        browser LowCardinality(String),
        country LowCardinality(String),
        locale LowCardinality(String),
        revenue Float64,
        currency LowCardinality(String),
        INDEX idx_message_id message_id TYPE bloom_filter(0.01) GRANULARITY 4,
        INDEX idx_event event TYPE set(0) GRANULARITY 4
      ) ENGINE = MergeTree
      PARTITION BY toYYYYMM(timestamp)
      ORDER BY (project_id, distinct_id, timestamp)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS {db}.identities (
        project_id LowCardinality(String),
        distinct_id String,
        person_id String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY (project_id, distinct_id)
      SETTINGS non_replicated_deduplication_window = 10000`,
    ],
  },
  {
    version: 2,
    name: 'identity history',
    // `identities` keeps one row per distinct id once merged, so it cannot tell which ids changed person. This table
    // keeps one row per (distinct id, person) pair ever seen, filled by a materialized view on every insert into
    // `identities`: a distinct id with two or more rows here was moved by a merge (see identityOverridesSql).
    statements: [
      `CREATE TABLE IF NOT EXISTS {db}.identity_history (
        project_id LowCardinality(String),
        distinct_id String,
        person_id String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY (project_id, distinct_id, person_id)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.identity_history_mv TO {db}.identity_history
      AS SELECT project_id, distinct_id, person_id, version FROM {db}.identities`,
      `INSERT INTO {db}.identity_history SELECT project_id, distinct_id, person_id, version FROM {db}.identities`,
    ],
  },
];
