// Shared by the SsoConnector provider tests: a sandbox the provider module is configured for.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { provider as providerModule } from "../../resources/sso-connector/provider";
import type { SsoConnectorArgs } from "../../resources/sso-connector/schema";
import { passingResultsOn } from "../support/provider";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/** The provider, its results passed on as the engine passes them (secrets unwrapped). */
export const provider = passingResultsOn(providerModule);
/** Its results as it returns them, secret marks included. */
export const providerAsItAnswers = providerModule;

export async function sandboxForProvider(): Promise<Sandbox> {
  const sandbox = await spawnSandbox({ ssoFetchRetryDelayMs: 20 });
  const config: Record<string, string> = {
    "logto:endpoint": sandbox.endpoint,
    "logto:m2mAppId": sandbox.appId,
    "logto:m2mAppSecret": sandbox.appSecret,
  };
  await provider.configure!({ config: { get: (key: string) => config[key] } } as never);
  return sandbox;
}

export const oktaIssuer = (sandbox: Sandbox) => `${sandbox.endpoint}/__sandbox/idp/okta`;

/** Raw inputs as a program would give them, before `check`. */
export const oktaInputs = (sandbox: Sandbox, clientSecret = "okta-secret-1") => ({
  providerName: "Okta",
  connectorName: "Acme Okta",
  config: { issuer: oktaIssuer(sandbox), clientId: "okta-client", clientSecret },
  domains: ["Acme.com"],
  branding: { displayName: "Acme" },
});

/** `check` as the engine calls it; throws if the inputs are refused. */
export async function checked(news: Record<string, unknown>): Promise<SsoConnectorArgs> {
  const result = await provider.check!({} as never, { __provider: "serialized", ...news } as never);
  if (result.failures?.length) throw new Error(JSON.stringify(result.failures));
  return result.inputs as SsoConnectorArgs;
}

export interface LogtoRow extends SsoConnectorArgs {
  id: string;
}

export const connectorsIn = async (sandbox: Sandbox) => (await sandbox.api("GET", "/api/sso-connectors")).body as LogtoRow[];

/** An IdP of the test's own, serving only discovery, that can be taken down. */
export async function startStoppableIdp() {
  const server = createServer((req, res) => {
    if (req.url !== "/.well-known/openid-configuration") return void res.writeHead(404).end();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, jwks_uri: `${issuer}/k` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
