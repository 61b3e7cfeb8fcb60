import { isDeepStrictEqual } from "node:util";
import { LogtoApiError } from "../logto";
import { googleIssuer, isSamlProvider, type SsoConnectorArgs } from "./schema";

/** The parts of Logto's SSO connector row this resource reads. */
export interface LogtoSsoConnector {
  id: string;
  providerName: SsoConnectorArgs["providerName"];
  connectorName: string;
  config: Record<string, unknown>;
  domains: string[];
  branding: SsoConnectorArgs["branding"];
  syncProfile: boolean;
  createdAt: number;
}

export const ssoConnectorsPath = "/api/sso-connectors";
export const ssoConnectorPath = (id: string) => `${ssoConnectorsPath}/${encodeURIComponent(id)}`;

export function toCreateBody(args: SsoConnectorArgs) {
  const { providerName, connectorName, config, domains, branding, syncProfile } = args;
  return { providerName, connectorName, config, domains, branding, syncProfile };
}

/**
 * `providerName` cannot be patched (a change replaces the connector). `config` is sent only when
 * it changed, because every PATCH with a config makes Logto fetch the IdP's discovery document
 * again: a branding change should not fail because the IdP is down.
 */
export function toPatchBody(args: SsoConnectorArgs, olds: SsoConnectorArgs) {
  const { connectorName, config, domains, branding, syncProfile } = args;
  return { connectorName, domains, branding, syncProfile, ...(!isDeepStrictEqual(config, olds.config) && { config }) };
}

export function fromLogto(row: LogtoSsoConnector): SsoConnectorArgs {
  return {
    providerName: row.providerName,
    connectorName: row.connectorName,
    config: row.config as SsoConnectorArgs["config"],
    domains: row.domains,
    branding: row.branding,
    syncProfile: row.syncProfile,
  };
}

/**
 * Logto validates a config by reaching the IdP before it writes anything, and answers only
 * `connector.invalid_config` when that fails. Says which IdP address Logto could not use,
 * without quoting the rest of the config (it holds the client secret).
 */
export function explainConfigError(error: unknown, args: SsoConnectorArgs): unknown {
  if (!(error instanceof LogtoApiError && error.code === "connector.invalid_config")) return error;
  const answer = `(Logto answered ${error.status} ${error.code})`;
  if (isSamlProvider(args.providerName)) {
    const source = "metadataUrl" in args.config ? "fetch the IdP metadata from config.metadataUrl" : "use the IdP metadata in config";
    return new Error(`Logto could not ${source} ${answer}. Logto reads it on every create and config change.`);
  }
  const issuer = "issuer" in args.config ? args.config.issuer : googleIssuer;
  return new Error(
    `Logto could not load the OIDC discovery document of issuer ${issuer} from ${issuer}/.well-known/openid-configuration ${answer}. ` +
      "Logto fetches it on every create and config change, so the issuer must be reachable from the Logto server " +
      "and answer with issuer, authorization_endpoint, token_endpoint and jwks_uri.",
  );
}
