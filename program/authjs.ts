import * as pulumi from "@pulumi/pulumi";
import { Application } from "../resources";
import type { StackConfig } from "./config";

/** The Traditional web application Auth.js signs in with, as the Logto guides set it up. */
export function authjsApplication(config: StackConfig): Application {
  return new Application("authjs", {
    name: config.appName ?? `Auth.js (${pulumi.getStack()})`,
    type: "Traditional",
    redirectUris: [`${config.appUrl}/api/auth/callback/logto`],
    postLogoutRedirectUris: [config.appUrl],
  });
}
