import { SsoConnector } from "../resources";
import type { StackConfig } from "./config";

/** Okta enterprise SSO: users with an email in `oktaDomains` are sent to Okta. */
export function oktaConnector(config: StackConfig): SsoConnector | undefined {
  if (!config.okta) return undefined;
  return new SsoConnector("okta", {
    providerName: "Okta",
    connectorName: config.oktaConnectorName,
    domains: config.oktaDomains,
    config: {
      issuer: config.oktaIssuer,
      clientId: config.oktaClientId,
      clientSecret: config.oktaClientSecret!,
      scope: "openid profile email",
    },
  });
}
