// Table types of the state store, shared by the SQLite and PostgreSQL dialects. Times are epoch milliseconds;
// JSON documents are stored as text so both engines treat them alike.

export interface ProjectsTable {
  id: string;
  name: string;
  time_zone: string;
  created_at: number;
}

export interface WriteKeysTable {
  key: string;
  project_id: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: number;
  /** admin, analyst or viewer (tokens made before roles existed are admin). */
  role: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  /** scrypt, with its parameters and salt: see api/passwords.ts. */
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface PersonsTable {
  project_id: string;
  person_id: string;
  created_at: number;
  is_identified: number;
}

export interface DistinctIdsTable {
  project_id: string;
  distinct_id: string;
  person_id: string;
  version: number;
}

export interface ProfilesTable {
  project_id: string;
  person_id: string;
  /** JSON: { [trait]: { value, changedAt, seenAt } } */
  traits: string;
  first_seen: number;
  last_seen: number;
  sessions: number;
  event_count: number;
  /** JSON: { [event name]: count } */
  event_counts: string;
  revenue: number;
  /** JSON array of channels in the order first seen. */
  channels: string;
  /** JSON array of { type, os, browser }. */
  devices: string;
  updated_at: number;
}

export interface MessageIdsTable {
  project_id: string;
  message_id: string;
  batch_id: string;
  received_at: number;
}

export interface IngestStateTable {
  key: string;
  value: string;
}

/** A project's saved definitions (stage map, later segments and saved insights): one JSON body per kind and id. */
export interface DefinitionsTable {
  project_id: string;
  kind: string;
  id: string;
  body: string;
  updated_at: number;
}

/** One weekly report sent (or being sent) to one e-mail address or webhook: the delivery log. */
export interface ReportDeliveriesTable {
  id: string;
  project_id: string;
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  /** The schedule that sent it; null for a send-now. */
  schedule_id: string | null;
  /** `schedule` or `manual`. */
  source: string;
  /** `email` or `webhook`. */
  channel: string;
  /** The e-mail address or webhook URL. */
  target: string;
  subject: string;
  /** `pending`, `retrying`, `sent` or `failed`. */
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  next_attempt_at: number | null;
  sent_at: number | null;
}

export interface StateSchema {
  projects: ProjectsTable;
  write_keys: WriteKeysTable;
  api_tokens: ApiTokensTable;
  persons: PersonsTable;
  distinct_ids: DistinctIdsTable;
  profiles: ProfilesTable;
  message_ids: MessageIdsTable;
  ingest_state: IngestStateTable;
  definitions: DefinitionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  report_deliveries: ReportDeliveriesTable;
}
