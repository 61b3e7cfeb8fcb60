// `POST /oidc/token` with the client credentials grant, as oidc-provider behind Logto answers it:
// client authentication (client_secret_basic or client_secret_post), resource indicator, scope.
import { timingSafeEqual } from 'node:crypto';

import { issuerOf, type SandboxContext } from './context';
import { OidcError } from './errors';
import { isFormEncoded, json, type SandboxRequest, type SandboxResponse } from './http';
import type { ApplicationRow } from './store';

const invalidRequest = (description: string) => new OidcError(400, 'invalid_request', description);
const invalidClient = () => new OidcError(401, 'invalid_client', 'client authentication failed');

/** oidc-provider decodes Basic credentials as form-encoded values. */
const decodeBasicPart = (value: string) => decodeURIComponent(value.replace(/\+/g, '%20'));

const readClientCredentials = (
  authorization: string | undefined,
  params: URLSearchParams
): { clientId: string; clientSecret: string | undefined } => {
  const bodyClientId = params.get('client_id') ?? undefined;
  const bodyClientSecret = params.get('client_secret') ?? undefined;

  if (authorization) {
    const [scheme, encoded, ...rest] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'basic' || !encoded || rest.length > 0) {
      throw invalidRequest('invalid authorization header value format');
    }
    const basic = Buffer.from(encoded, 'base64').toString('utf8');
    const separator = basic.indexOf(':');
    if (separator === -1) {
      throw invalidRequest('invalid authorization header value format');
    }
    let clientId: string;
    let clientSecret: string;
    try {
      clientId = decodeBasicPart(basic.slice(0, separator));
      clientSecret = decodeBasicPart(basic.slice(separator + 1));
    } catch {
      throw invalidRequest(
        'client_id and client_secret in the authorization header are not properly encoded'
      );
    }
    if (bodyClientId !== undefined && bodyClientId !== clientId) {
      throw invalidRequest('mismatch in body and authorization client ids');
    }
    if (!clientSecret) {
      throw invalidRequest('client_secret must be provided in the Authorization header');
    }
    if (bodyClientSecret !== undefined) {
      throw invalidRequest('client authentication must only be provided using one mechanism');
    }
    return { clientId, clientSecret };
  }

  if (!bodyClientId) {
    throw invalidRequest('no client authentication mechanism provided');
  }
  return { clientId: bodyClientId, clientSecret: bodyClientSecret };
};

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** App secrets are transpiled to the client secret (koa-app-secret-transpilation.ts). */
const authenticateClient = (
  context: SandboxContext,
  clientId: string,
  clientSecret: string | undefined
): ApplicationRow => {
  const application = context.store.findApplication(clientId);
  if (!application || !clientSecret) {
    throw invalidClient();
  }
  const appSecret = context.store.state.applicationSecrets.find(
    ({ applicationId, value }) => applicationId === clientId && sameSecret(value, clientSecret)
  );
  if (appSecret?.expiresAt && appSecret.expiresAt <= Date.now()) {
    throw invalidRequest('client secret has expired');
  }
  if (!appSecret && !sameSecret(application.secret, clientSecret)) {
    throw invalidClient();
  }
  return application;
};

export const handleTokenRequest = async (
  context: SandboxContext,
  request: SandboxRequest
): Promise<SandboxResponse> => {
  if (!isFormEncoded(request)) {
    throw invalidRequest(
      'only application/x-www-form-urlencoded content-type bodies are supported on POST /token'
    );
  }
  const params = new URLSearchParams(request.rawBody.toString('utf8'));
  const { clientId, clientSecret } = readClientCredentials(request.headers.authorization, params);
  const application = authenticateClient(context, clientId, clientSecret);

  const grantType = params.get('grant_type');
  if (!grantType) {
    throw invalidRequest("missing required parameter 'grant_type'");
  }
  if (!['client_credentials', 'authorization_code', 'refresh_token'].includes(grantType)) {
    throw new OidcError(400, 'unsupported_grant_type', 'unsupported grant_type requested');
  }
  if (grantType !== 'client_credentials' || application.type !== 'MachineToMachine') {
    throw new OidcError(
      400,
      'unauthorized_client',
      'requested grant type is not allowed for this client'
    );
  }
  // Any API resource of the tenant is a valid target; its access token TTL applies, except for the
  // Management API, whose TTL is the sandbox's setting (Logto's is a fixed 3600 s).
  const { settings, store } = context;
  const indicator = params.get('resource');
  const resource = store.state.resources.find((row) => row.indicator === indicator);
  if (!indicator || !resource) {
    throw new OidcError(400, 'invalid_target', 'resource indicator is missing, or unknown');
  }
  const ttl =
    indicator === settings.resourceIndicator ? settings.accessTokenTtlSeconds : resource.accessTokenTtl;

  // The scopes asked for that the app's roles grant on this resource; the others are dropped
  // silently, leaving a token without scope when none is left.
  const granted = store.applicationScopeNames(clientId, indicator);
  const requestedScopes = new Set((params.get('scope') ?? '').split(' ').filter(Boolean));
  const scope = [...requestedScopes].filter((name) => granted.has(name)).join(' ') || undefined;

  const now = Math.floor(Date.now() / 1000);
  const { token, claims } = context.signer.issue({
    sub: clientId,
    iat: now,
    exp: now + ttl,
    ...(scope && { scope }),
    client_id: clientId,
    iss: issuerOf(settings),
    aud: indicator,
  });
  context.issuedTokenIds.add(claims.jti);

  return json(
    200,
    {
      access_token: token,
      expires_in: ttl,
      token_type: 'Bearer',
      ...(scope && { scope }),
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
  );
};
