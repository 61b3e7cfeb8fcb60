import * as pulumi from "@pulumi/pulumi";
import { authjsApplication } from "./program/authjs";
import { readStackConfig } from "./program/config";
import { emailConnector } from "./program/email";
import { oktaConnector } from "./program/enterprise-sso";
import { signInExperience } from "./program/sign-in";
import { appleConnector, oidcConnector } from "./program/social";

const config = readStackConfig();
const app = authjsApplication(config);
const apple = appleConnector(config);
const oidc = oidcConnector(config);
const okta = oktaConnector(config);
const email = emailConnector(config);
signInExperience({ apple, oidc, okta, email });

/** What Auth.js's Logto provider needs. */
export const AUTH_LOGTO_ID = app.appId;
export const AUTH_LOGTO_SECRET = app.appSecret;
export const AUTH_LOGTO_ISSUER = app.issuer;
export const openidConfigurationUrl = app.openidConfigurationUrl;
/** `.env.local` for the Next.js app: `pulumi stack output authjsEnv --show-secrets > .env.local`. */
export const authjsEnv = pulumi.secret(
  pulumi.interpolate`AUTH_LOGTO_ID=${app.appId}\nAUTH_LOGTO_SECRET=${app.appSecret}\nAUTH_LOGTO_ISSUER=${app.issuer}\n`,
);

/** URLs to register at the identity providers. */
export const appleReturnUrl = apple?.callbackUrl;
export const oidcRedirectUri = oidc?.callbackUrl;
export const oktaRedirectUri = okta?.callbackUrl;
