// A stand-in OIDC identity provider (Okta, Entra ID, …) for enterprise SSO connectors, so a local
// stack can use an issuer such as `http://127.0.0.1:3001/__sandbox/idp/okta`. It serves what Logto
// reads when an SSO connector is created or changed (discovery) and the public signing key; there
// is no sign-in flow behind the advertised endpoints. Not part of Logto, hence under /__sandbox/.
import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';

import type { SandboxContext } from '../context';
import { json, type Route } from '../http';

export const idpPathPrefix = '/__sandbox/idp';

/** The issuer of the stand-in IdP `name`, as served by the sandbox at `endpoint`. */
export const idpIssuer = (endpoint: string, name: string) =>
  `${endpoint}${idpPathPrefix}/${encodeURIComponent(name)}`;

export const idpRoutes = (context: SandboxContext): Route[] => {
  let publicJwk: JsonWebKey | undefined;
  /** One RS256 key (Okta's default algorithm) per sandbox process, made on first use. */
  const signingKey = () => {
    if (!publicJwk) {
      const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
      // RFC 7638 thumbprint as key id.
      const kid = createHash('sha256')
        .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
        .digest('base64url');
      publicJwk = { ...jwk, kid, alg: 'RS256', use: 'sig' };
    }
    return publicJwk;
  };

  return [
    {
      method: 'GET',
      path: `${idpPathPrefix}/:name/.well-known/openid-configuration`,
      handler: async ({ params }) => {
        const issuer = idpIssuer(context.settings.endpoint, params.name!);
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'profile', 'email'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      },
    },
    {
      method: 'GET',
      path: `${idpPathPrefix}/:name/jwks`,
      handler: async () => json(200, { keys: [signingKey()] }),
    },
  ];
};
