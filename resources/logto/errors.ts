/** An error answered by the Logto Management API, carrying Logto's own error `code`. */
export class LogtoApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly logtoMessage: string,
    readonly details?: string,
  ) {
    super(
      `Logto ${method} ${path} failed with ${status}${code ? ` ${code}` : ""}: ${logtoMessage}` +
        (details ? `\n${details}` : ""),
    );
    this.name = "LogtoApiError";
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/**
 * A write whose outcome is unknown: the connection dropped or timed out after the request was
 * sent, so Logto may or may not have applied it. Callers that create objects look them up
 * before trying again instead of risking a duplicate.
 */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly cause: unknown,
  ) {
    super(`Logto ${method} ${path}: no answer (${describeCause(cause)}); the write may or may not have been applied`);
    this.name = "AmbiguousWriteError";
  }
}

/** Provider configuration is missing or malformed. */
export class LogtoConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogtoConfigError";
  }
}

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
