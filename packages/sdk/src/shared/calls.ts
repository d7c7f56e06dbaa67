// The Segment-spec calls both SDKs send to /v1/batch, and the ids they carry.

import { SDK_VERSION } from './version.js';

export type CallType = 'track' | 'identify' | 'page' | 'alias' | 'group' | 'screen';

export interface SegmentCall {
  type: CallType;
  messageId: string;
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  previousId?: string;
  context?: Record<string, unknown>;
}

/** A random UUID v4: crypto.randomUUID where it exists (secure contexts), else getRandomValues, else Math.random. */
export function uuid(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Stamps a call with a messageId (the server's idempotency key: retries never duplicate) and the library. */
export function stamp(
  call: Omit<SegmentCall, 'messageId' | 'timestamp'> & { messageId?: string; timestamp?: string },
  library: string,
): SegmentCall {
  return {
    ...call,
    messageId: call.messageId ?? uuid(),
    timestamp: call.timestamp ?? new Date().toISOString(),
    context: { ...call.context, library: { name: library, version: SDK_VERSION } },
  };
}
