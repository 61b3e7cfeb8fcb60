// `<endpoint>/oidc/.well-known/openid-configuration` and `/oidc/jwks`: the parts of Logto's OIDC
// provider metadata that clients read (issuer = `<endpoint>/oidc`, ES384 keys).
import { issuerOf, type SandboxContext } from '../context';
import { json, type Route } from '../http';

export const oidcDiscoveryRoutes = (context: SandboxContext): Route[] => {
  const issuer = issuerOf(context.settings);
  const discovery = {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/me`,
    jwks_uri: `${issuer}/jwks`,
    end_session_endpoint: `${issuer}/session/end`,
    introspection_endpoint: `${issuer}/token/introspection`,
    revocation_endpoint: `${issuer}/token/revocation`,
    device_authorization_endpoint: `${issuer}/device/auth`,
    scopes_supported: [
      'openid',
      'offline_access',
      'profile',
      'email',
      'phone',
      'address',
      'custom_data',
      'identities',
      'roles',
      'urn:logto:scope:organizations',
      'urn:logto:scope:organization_roles',
    ],
    response_types_supported: ['code', 'id_token', 'code id_token', 'none'],
    response_modes_supported: ['form_post', 'fragment', 'query'],
    grant_types_supported: [
      'implicit',
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:device_code',
      'urn:ietf:params:oauth:grant-type:token-exchange',
    ],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: [
      'none',
      'client_secret_basic',
      'client_secret_jwt',
      'client_secret_post',
      'private_key_jwt',
    ],
    id_token_signing_alg_values_supported: ['ES384'],
    userinfo_signing_alg_values_supported: ['ES384'],
    code_challenge_methods_supported: ['S256'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
  };

  return [
    {
      method: 'GET',
      path: '/oidc/.well-known/openid-configuration',
      handler: async () => json(200, discovery),
    },
    {
      method: 'GET',
      path: '/oidc/jwks',
      handler: async () => json(200, { keys: [context.signer.publicJwk] }),
    },
  ];
};
