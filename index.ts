import { authjsApplication } from "./program/authjs";
import { readStackConfig } from "./program/config";

const config = readStackConfig();
const app = authjsApplication(config);

/** What Auth.js's Logto provider needs (`.env.local`). */
export const AUTH_LOGTO_ID = app.appId;
export const AUTH_LOGTO_SECRET = app.appSecret;
export const AUTH_LOGTO_ISSUER = app.issuer;
export const openidConfigurationUrl = app.openidConfigurationUrl;
