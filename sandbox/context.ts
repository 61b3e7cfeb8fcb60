// What every route handler gets: Logto's modules, the tables, the token signer and settings.
import type { LogtoModules } from './logto-modules';
import type { M2mCredentials } from './seed';
import type { Store } from './store';
import type { TokenSigner } from './tokens';

export type SandboxSettings = {
  /** Base URL clients use, e.g. `http://127.0.0.1:3001`; the issuer is `${endpoint}/oidc`. */
  endpoint: string;
  /** Management API resource indicator: `https://default.logto.app/api` on OSS. */
  resourceIndicator: string;
  accessTokenTtlSeconds: number;
  /** Retries of the SSO discovery fetch and the first backoff, like got's defaults (2, 1 s). */
  ssoFetchRetries: number;
  ssoFetchRetryDelayMs: number;
  credentials: M2mCredentials;
};

export type SandboxContext = {
  modules: LogtoModules;
  store: Store;
  signer: TokenSigner;
  settings: SandboxSettings;
  /** Token ids issued so far, and those made invalid by `POST /__sandbox/expire-tokens`. */
  issuedTokenIds: Set<string>;
  revokedTokenIds: Set<string>;
};

export const issuerOf = (settings: SandboxSettings) => `${settings.endpoint}/oidc`;
