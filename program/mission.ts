import * as pulumi from "@pulumi/pulumi";
import { appApi } from "./authorization";
import { customerOrganization, organizationClaimScopes } from "./organization";
import { authjsApplication } from "./authjs";
import type { StackConfig } from "./config";
import { emailConnector } from "./email";
import { oktaConnector } from "./enterprise-sso";
import { customPhrases, signInExperience } from "./sign-in";
import { appleConnector, oidcConnector } from "./social";

/** What Auth.js's Logto provider asks for by default. */
const authjsScopes = ["openid", "offline_access", "profile", "email"];

/**
 * Everything the Logto guides for Auth.js have you click: the app, the connectors that the
 * config turns on, and the sign-in experience that offers them. Returns the stack outputs.
 */
export function mission(config: StackConfig) {
  const app = authjsApplication(config);
  const apple = appleConnector(config);
  const oidc = oidcConnector(config);
  const okta = oktaConnector(config);
  const email = emailConnector(config);
  signInExperience({ apple, oidc, okta, email: email?.connector }, config);
  customPhrases(config.phrases);
  const api = appApi(config);
  const organization = customerOrganization(config, okta, api?.api);

  return {
    /** What Auth.js's Logto provider needs. */
    AUTH_LOGTO_ID: app.appId,
    AUTH_LOGTO_SECRET: app.appSecret,
    AUTH_LOGTO_ISSUER: app.issuer,
    openidConfigurationUrl: app.openidConfigurationUrl,
    /** `.env.local` for the Next.js app: `pulumi stack output authjsEnv --show-secrets > .env.local`. */
    authjsEnv: pulumi.secret(
      pulumi.interpolate`AUTH_LOGTO_ID=${app.appId}\nAUTH_LOGTO_SECRET=${app.appSecret}\nAUTH_LOGTO_ISSUER=${app.issuer}\n`,
    ),
    /** URLs to register at the identity providers, for the connectors that are on. */
    ...(apple && { appleReturnUrl: apple.callbackUrl }),
    ...(oidc && { oidcRedirectUri: oidc.callbackUrl }),
    ...(okta && { oktaRedirectUri: okta.callbackUrl }),
    /** With `emailSender: aws`: the DNS records SES needs to verify the sender. */
    ...(email?.sender && { emailDnsRecords: email.sender.dnsRecords }),
    /** With `api` or `organization`: the Logto provider's `authorization.params` in Auth.js (access tokens to the API, organization claims). */
    ...((api || organization) && {
      authjsAuthorizationParams: {
        scope: [...authjsScopes, ...(api?.scopes ?? []), ...(organization ? organizationClaimScopes : [])].join(" "),
        ...(api && { resource: api.resource }),
      },
    }),
    ...(organization && { organizationId: organization.organizationId }),
    ...(api?.client && { apiClientId: api.client.appId, apiClientSecret: api.client.appSecret }),
  };
}
