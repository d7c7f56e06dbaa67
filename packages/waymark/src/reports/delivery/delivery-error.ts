// Why an attempt to deliver a report failed, and whether trying again could help.

export class DeliveryError extends Error {
  /** true when retrying cannot help (a rejected address, a 4xx from a webhook, no SMTP configured). */
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DeliveryError';
    this.permanent = permanent;
  }
}

/** Any failure as a DeliveryError; unknown errors count as temporary. */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error instanceof Error ? error.message : String(error), false, error);
}
