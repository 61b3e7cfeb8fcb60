import { Connector } from "../resources";
import type { StackConfig } from "./config";

/** Sign in with Apple: the Services ID is Apple's client ID; its Return URL is `callbackUrl`. */
export function appleConnector(config: StackConfig): Connector | undefined {
  if (!config.apple) return undefined;
  return new Connector("apple", {
    factoryId: "apple-universal",
    config: { clientId: config.appleServicesId, scope: config.appleScope },
  });
}

/** A standard OIDC social connector; register `callbackUrl` as the redirect URI at the provider. */
export function oidcConnector(config: StackConfig): Connector | undefined {
  if (!config.oidc) return undefined;
  return new Connector("oidc", {
    factoryId: "oidc",
    metadata: { target: config.oidcTarget, name: { en: config.oidcDisplayName || "OIDC" } },
    // The secret on the one field, not on the config: the rest shows in previews.
    config: {
      authorizationEndpoint: config.oidcAuthorizationEndpoint,
      tokenEndpoint: config.oidcTokenEndpoint,
      clientId: config.oidcClientId,
      clientSecret: config.oidcClientSecret!,
      scope: config.oidcScope,
      idTokenVerificationConfig: { jwksUri: config.oidcJwksUri, ...(config.oidcIssuer && { issuer: config.oidcIssuer }) },
    },
  });
}
