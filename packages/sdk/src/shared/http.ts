// Talking to a Waymark server: every request ends as a value (delivered, retry later, or give up), never a throw.

import { SdkError } from './errors.js';
import { isRetryableStatus } from './retry.js';

export type HttpOutcome =
  { ok: true; status: number; body: unknown } | { ok: false; retryable: boolean; error: SdkError };

export interface Endpoint {
  /** Base URL of the Waymark server, e.g. https://waymark.example.com. */
  host: string;
  writeKey: string;
}

/** The largest body sent with keepalive or a beacon (browsers allow 64 kB in flight in all). */
export const KEEPALIVE_MAX = 60_000;

export const basicAuth = (writeKey: string): string => `Basic ${btoa(`${writeKey}:`)}`;

export const urlOf = (endpoint: Endpoint, path: string): string => `${endpoint.host.replace(/\/+$/, '')}${path}`;

export interface RequestOptions {
  method: 'GET' | 'POST';
  body?: unknown;
  /**
   * Send the write key inside a text/plain body instead of an Authorization header: a "simple" cross-origin request
   * that needs no CORS preflight, and the only form navigator.sendBeacon can send.
   */
  keyInBody?: boolean;
  /** Let the request outlive the page (fetch keepalive), when the body is small enough for it. */
  keepalive?: boolean;
}

export async function request(endpoint: Endpoint, path: string, options: RequestOptions): Promise<HttpOutcome> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.keyInBody) {
    headers['Content-Type'] = 'text/plain';
    body = JSON.stringify({ ...(options.body as object), writeKey: endpoint.writeKey });
  } else {
    headers.Authorization = basicAuth(endpoint.writeKey);
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  let response: Response;
  try {
    response = await fetch(urlOf(endpoint, path), {
      method: options.method,
      headers,
      ...(body === undefined ? {} : { body }),
      // Browsers refuse keepalive bodies over 64 kB outright: larger batches go without it.
      ...(options.keepalive && body !== undefined && body.length < KEEPALIVE_MAX ? { keepalive: true } : {}),
    });
  } catch (error) {
    return { ok: false, retryable: true, error: new SdkError('network', `${path}: ${(error as Error).message}`) };
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed };
  const detail = (parsed as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const retryable = isRetryableStatus(response.status);
  const message = `${path} answered ${response.status}${detail?.message ? `: ${detail.message}` : ''}`;
  const error = new SdkError(retryable ? 'http' : 'rejected', message, {
    status: response.status,
    ...(detail?.field ? { field: detail.field } : {}),
  });
  return { ok: false, retryable, error };
}
