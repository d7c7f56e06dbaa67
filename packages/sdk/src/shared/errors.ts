// The one error type of the SDKs: a stable code, a human message, and the server's field when it named one.

export type SdkErrorCode =
  /** The server could not be reached (offline, DNS, connection refused). */
  | 'network'
  /** The server answered with an error status; `status` says which. */
  | 'http'
  /** The server refused a call as invalid: retrying cannot help, so the call was dropped. */
  | 'rejected'
  /** The offline queue was full: the oldest call was dropped to make room. */
  | 'queue_full'
  /** A batch still failed after the last retry and was dropped. */
  | 'retries_exhausted'
  /** The SDK was called wrongly (a call without userId or anonymousId, a missing write key). */
  | 'invalid_call';

export class SdkError extends Error {
  override readonly name = 'WaymarkSdkError';

  constructor(
    readonly code: SdkErrorCode,
    message: string,
    readonly details: { status?: number; field?: string } = {},
  ) {
    super(message);
  }
}
