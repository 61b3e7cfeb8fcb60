// Logto's error model: `RequestError` (packages/core/src/errors/RequestError/index.ts) serialised
// by `toBody()` as `{ code, data?, details?, message }`, with English phrases from
// packages/phrases/src/locales/en/errors.

type ZodIssueLike = { code: string; path: Array<string | number>; message: string } & Record<
  string,
  unknown
>;
type ZodErrorLike = { name: 'ZodError'; issues: ZodIssueLike[] };

export const isZodError = (value: unknown): value is ZodErrorLike =>
  typeof value === 'object' &&
  value !== null &&
  (value as { name?: unknown }).name === 'ZodError' &&
  Array.isArray((value as { issues?: unknown }).issues);

/** `formatZodError` of RequestError: one line per issue. */
export const formatZodIssues = ({ issues }: ZodErrorLike): string[] =>
  issues.map((issue) => {
    const base = `Error in key path "${issue.path.map(String).join('.')}": (${issue.code}) `;
    return issue.code === 'invalid_type'
      ? `${base}Expected ${String(issue.expected)} but received ${String(issue.received)}.`
      : base + issue.message;
  });

export type ErrorMetadata = { code: string; status?: number } & Record<string, unknown>;

export class RequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly interpolation: Record<string, unknown>;

  constructor(
    input: string | ErrorMetadata,
    readonly data?: unknown
  ) {
    const { code, status = 400, ...interpolation } =
      typeof input === 'string' ? { code: input } : input;
    super(code);
    this.name = 'RequestError';
    this.code = code;
    this.status = status;
    this.interpolation = interpolation;
  }
}

export const assertThat: (
  condition: unknown,
  error: string | RequestError
) => asserts condition = (condition, error) => {
  if (!condition) {
    throw typeof error === 'string' ? new RequestError(error) : error;
  }
};

/**
 * i18next-style `{{name}}` interpolation. Like i18next (`skipOnVariables`), a variable that was not
 * passed at all stays as written, e.g. `role.application_exists` names `{{applicationId}}` but
 * Logto passes `userId`; one passed as undefined or null becomes an empty string.
 */
const interpolate = (template: string, values: Record<string, unknown>) =>
  template.replace(/{{\s*([\w.]+)[^}]*}}/g, (placeholder, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, key)) {
      return placeholder;
    }
    const value = values[key];
    return value === undefined || value === null ? '' : String(value);
  });

export const translateErrorCode = (
  phrases: Record<string, unknown>,
  code: string,
  values: Record<string, unknown> = {}
): string | undefined => {
  const phrase = code
    .split('.')
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as any)[key] : undefined),
      phrases
    );
  return typeof phrase === 'string' ? interpolate(phrase, values) : undefined;
};

/** JSON view of a value the way `JSON.stringify` would put it in a response. */
const toJson = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);

export const requestErrorBody = (error: RequestError, phrases: Record<string, unknown>) => {
  const details = isZodError(error.data) ? formatZodIssues(error.data).join('\n') : undefined;
  return {
    code: error.code,
    data: toJson(error.data),
    details,
    message: translateErrorCode(phrases, error.code, error.interpolation) ?? error.code,
  };
};

/**
 * An error of the OIDC provider (the token endpoint). Logto's `koaOidcErrorHandler` turns it
 * into `{ code: "oidc.<error>", message, error, error_description }`.
 */
export class OidcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string
  ) {
    super(description);
  }
}

export const oidcErrorBody = (error: OidcError, phrases: Record<string, unknown>) => {
  const code = `oidc.${error.error}`;
  return {
    code,
    message:
      translateErrorCode(phrases, code) ??
      translateErrorCode(phrases, 'oidc.provider_error_fallback', { code }) ??
      code,
    error: error.error,
    error_description: error.description,
  };
};
