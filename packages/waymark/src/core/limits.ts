// Limits on what one request and one event may carry. They protect the server and the warehouse from runaway
// payloads; the defaults follow what Segment's own API accepts.

export interface IngestLimits {
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** Largest single event (properties, traits and context together) in bytes. */
  maxEventBytes: number;
  /** Most events in one batch request. */
  maxBatchEvents: number;
  /** Deepest nesting of objects and arrays inside properties, traits and context. */
  maxDepth: number;
  /** Most keys in one object. */
  maxKeys: number;
  /** Longest string value inside properties, traits and context. */
  maxStringLength: number;
  /** Longest userId, anonymousId, messageId, groupId, previousId. */
  maxIdLength: number;
  /** Longest event name. */
  maxEventNameLength: number;
}

export const DEFAULT_LIMITS: Readonly<IngestLimits> = {
  maxBodyBytes: 512 * 1024,
  maxEventBytes: 32 * 1024,
  maxBatchEvents: 2_500,
  maxDepth: 10,
  maxKeys: 1_000,
  maxStringLength: 16 * 1024,
  maxIdLength: 255,
  maxEventNameLength: 255,
};
