// Enterprise SSO providers (packages/core/src/sso/index.ts and each *SsoConnector/index.ts). Their
// config guards live in unpublished core code, so they are rebuilt here from
// packages/core/src/sso/types/oidc.ts and types/saml.ts.
import type { Zod } from '../logto-modules';

type Z = Zod['z'];

export type SsoProvider = {
  providerName: string;
  providerType: 'oidc' | 'saml';
  name: string;
  description: string;
  logo: string;
  logoDark: string | null;
  /** Google Workspace has a fixed issuer and no `issuer` in its config. */
  fixedIssuer?: string;
};

// Logto ships each provider's real SVG; a neutral placeholder keeps the shape without the bytes.
const placeholderLogo = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"/>'
).toString('base64')}`;

export const ssoProviders: SsoProvider[] = [
  {
    providerName: 'OIDC',
    providerType: 'oidc',
    name: 'OIDC',
    description: 'Modern protocol built on OAuth 2.0 for identity verification in web and mobile apps.',
  },
  {
    providerName: 'SAML',
    providerType: 'saml',
    name: 'SAML',
    description: 'XML-based open standard for web-based single sign-on.',
  },
  {
    providerName: 'AzureAD',
    providerType: 'saml',
    name: 'Microsoft Entra ID (SAML)',
    description: 'SAML on the Microsoft identity platform. Formerly known as Azure AD.',
  },
  {
    providerName: 'AzureAdOidc',
    providerType: 'oidc',
    name: 'Microsoft Entra ID (OIDC)',
    description:
      'OpenID Connect on the Microsoft identity platform. Formerly known as Azure AD OIDC.',
  },
  {
    providerName: 'GoogleWorkspace',
    providerType: 'oidc',
    name: 'Google Workspace',
    description: 'Unified and secure management of user access within the Google ecosystem.',
    fixedIssuer: 'https://accounts.google.com',
  },
  {
    providerName: 'Okta',
    providerType: 'oidc',
    name: 'Okta',
    description: 'Centralizes identity management for customers, employees, and partners.',
  },
].map((provider) => ({ logo: placeholderLogo, logoDark: placeholderLogo, ...provider }) as SsoProvider);

export const findSsoProvider = (providerName: string) =>
  ssoProviders.find((provider) => provider.providerName === providerName);

/** `basicOidcConnectorConfigGuard`; Google Workspace omits `issuer` and adds `offlineAccess`. */
export const oidcConfigGuard = (z: Z, provider: SsoProvider) => {
  const base = z.object({
    clientId: z.string(),
    clientSecret: z.string(),
    issuer: z.string(),
    scope: z.string().optional(),
    trustUnverifiedEmail: z.boolean().optional().default(false),
  });
  return provider.fixedIssuer
    ? base.omit({ issuer: true }).extend({ offlineAccess: z.boolean().optional() })
    : base;
};

/** `samlConnectorConfigGuard`: metadata URL, metadata XML, or manual IdP settings. */
export const samlConfigGuard = (z: Z) => {
  const common = {
    attributeMapping: z.record(z.string()).optional(),
    signAuthnRequest: z.boolean().optional(),
    nameIdFormat: z.string().optional(),
  };
  return z.union([
    z.object({ metadataUrl: z.string(), ...common }),
    z.object({ metadata: z.string(), ...common }),
    z.object({
      entityId: z.string(),
      signInEndpoint: z.string(),
      x509Certificate: z.string(),
      ...common,
    }),
  ]);
};

/** `scopePostProcessor`: `openid profile email` are always requested. */
export const withRequiredScopes = (scope = '') =>
  [...new Set(['openid', 'profile', 'email', ...scope.split(/[ +]/).filter(Boolean)])].join(' ');
