// The IdP discovery fetch of SSO connectors (`fetchOidcConfig` in
// packages/core/src/sso/OidcConnector/utils.ts): a plain GET of
// `${issuer}/.well-known/openid-configuration` with got's default retries. Failures become
// `connector.invalid_config` with the SsoConnectorError data.
import { RequestError } from '../errors';
import type { Zod } from '../logto-modules';

export type FetchRetryPolicy = { retries: number; firstDelayMs: number };

type SsoConfigErrorMessage = 'fail_to_fetch_config' | 'invalid_config_response';

export const ssoInvalidConfig = (message: SsoConfigErrorMessage, config: unknown, error: unknown) =>
  new RequestError(
    { code: 'connector.invalid_config', status: 400 },
    { ssoErrorCode: 'invalid_config', config, message, error }
  );

/** got retries these statuses and network errors (its defaults), backing off 1 s, 2 s, ... */
const retriableStatuses = new Set([408, 413, 429, 500, 502, 503, 504, 521, 522, 524]);
const perAttemptTimeoutMs = 10_000;

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: string
  ) {
    super(`Response code ${status}`);
  }
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const networkErrorJson = (error: unknown) => {
  const cause = (error as { cause?: { code?: string } }).cause;
  return { name: 'RequestError', code: cause?.code ?? 'ERR_GOT_REQUEST_ERROR' };
};

/** Fetch text with got-like retries; throws `HttpStatusError` or the last network error. */
export const getWithRetries = async (url: string, policy: FetchRetryPolicy): Promise<string> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(perAttemptTimeoutMs) });
      const body = await response.text();
      if (response.ok) {
        return body;
      }
      if (!retriableStatuses.has(response.status) || attempt >= policy.retries) {
        throw new HttpStatusError(response.status, body);
      }
    } catch (error: unknown) {
      if (error instanceof HttpStatusError || attempt >= policy.retries) {
        throw error;
      }
    }
    await sleep(policy.firstDelayMs * 2 ** attempt);
  }
};

/** Returns what `getOidcConfig` merges into the config: the camel-cased discovery fields. */
export const fetchOidcDiscovery = async (
  z: Zod['z'],
  issuer: string,
  policy: FetchRetryPolicy
): Promise<Record<string, string>> => {
  let body: unknown;
  try {
    body = JSON.parse(
      await getWithRetries(`${issuer}/.well-known/openid-configuration`, policy)
    ) as unknown;
  } catch (error: unknown) {
    const detail =
      error instanceof HttpStatusError
        ? error.body
        : error instanceof SyntaxError
          ? { name: 'ParseError', code: 'ERR_BODY_PARSE_FAILURE' }
          : networkErrorJson(error);
    throw ssoInvalidConfig('fail_to_fetch_config', { issuer }, detail);
  }

  const result = z
    .object({
      authorization_endpoint: z.string(),
      token_endpoint: z.string(),
      userinfo_endpoint: z.string().optional(),
      jwks_uri: z.string(),
      issuer: z.string(),
    })
    .safeParse(body);
  if (!result.success) {
    throw ssoInvalidConfig('invalid_config_response', { issuer }, result.error.flatten());
  }

  const { authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri } = result.data;
  return {
    authorizationEndpoint: authorization_endpoint,
    tokenEndpoint: token_endpoint,
    ...(userinfo_endpoint !== undefined && { userinfoEndpoint: userinfo_endpoint }),
    jwksUri: jwks_uri,
    issuer: result.data.issuer,
  };
};
