import * as pulumi from "@pulumi/pulumi";

/**
 * The tenant endpoint as the program sees it (stack config `logto:endpoint`, else
 * `LOGTO_ENDPOINT`), for values known before anything is created, such as callback URLs.
 */
export function logtoEndpoint(): string {
  const endpoint = new pulumi.Config("logto").get("endpoint") ?? process.env.LOGTO_ENDPOINT;
  if (!endpoint) throw new pulumi.RunError("logto:endpoint is not set: pulumi config set logto:endpoint https://<tenant>.logto.app");
  return endpoint.replace(/\/+$/, "");
}
