// Two environments side by side, as a person switching stacks in one checkout and one shell has
// them: one state backend, one stacks/ folder, each stack with its own tenant, secrets and key
// (a passphrase each, standing in for a KMS key each). Nothing of one may end up in the other:
// not in its state, its outputs, its config, nor its Logto tenant. The shell even has the first
// environment's LOGTO_* variables exported, which the second's stack config must override.
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { SemVer } from "semver";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { pulumiBin, StandInRepository } from "./support/checkout";

interface Environment {
  name: string;
  tenant: Sandbox;
  passphrase: string;
  secrets: Record<string, string>;
  stack: Stack;
  env: Record<string, string>;
}

const hex = () => randomBytes(8).toString("hex");
/** `value` in `text` as a whole value: http://127.0.0.1:4123 is not found in http://127.0.0.1:41234. */
const holds = (text: string, value: string) => new RegExp(`${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z])`).test(text);

describe("switching between two environments' stacks", () => {
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-backend-"));
  let repo: StandInRepository;
  let workDir: string;
  let blue: Environment;
  let green: Environment;

  async function environment(name: string, tenant: Sandbox, shell: Record<string, string>, config: Record<string, string>): Promise<Environment> {
    const passphrase = `key-of-${name}-${hex()}`;
    const secrets = {
      "logto:m2mAppSecret": tenant.appSecret,
      oidcClientSecret: `oidc-secret-of-${name}-${hex()}`,
      sesAccessKeySecret: `ses-secret-of-${name}-${hex()}`,
      ...(config.okta === "true" && { oktaClientSecret: `okta-secret-of-${name}-${hex()}` }),
    };
    const env = {
      ...shell,
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const version = require("@pulumi/pulumi/package.json").version as string;
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(path.dirname(pulumiBin)), version: new SemVer(version) });
    const stack = await LocalWorkspace.createStack({ stackName: name, workDir }, { workDir, envVars: env, pulumiCommand, secretsProvider: "passphrase" });
    const idp = `${tenant.endpoint}/__sandbox/idp`;
    await stack.setAllConfig({
      "logto:endpoint": { value: tenant.endpoint },
      "logto:m2mAppId": { value: tenant.appId },
      appUrl: { value: `https://${name}.shop.example.com` },
      apple: { value: "true" },
      appleServicesId: { value: `com.example.shop.${name}` },
      oidc: { value: "true" },
      oidcAuthorizationEndpoint: { value: `${idp}/corp/authorize` },
      oidcTokenEndpoint: { value: `${idp}/corp/token` },
      oidcJwksUri: { value: `${idp}/corp/jwks` },
      oidcClientId: { value: `shop-${name}` },
      oktaIssuer: { value: `${idp}/okta` },
      oktaClientId: { value: `okta-${name}` },
      email: { value: "true" },
      emailFrom: { value: `no-reply@${name}.shop.example.com` },
      sesAccessKeyId: { value: `AKIA${name.toUpperCase()}` },
      ...Object.fromEntries(Object.entries(config).map(([key, value]) => [key, { value }])),
      ...Object.fromEntries(Object.entries(secrets).map(([key, value]) => [key, { value, secret: true }])),
    });
    return { name, tenant, passphrase, secrets, stack, env };
  }

  const cli = async (of: Environment, args: string[]) =>
    (await promisify(execFile)(pulumiBin, [...args, "--stack", of.name, "--non-interactive"], { cwd: workDir, env: { ...process.env, ...of.env }, maxBuffer: 64 << 20 })).stdout;

  /** Everything a stack keeps or shows: state (as stored and decrypted), outputs, config, stack file. */
  const everythingOf = async (of: Environment) =>
    [
      await cli(of, ["stack", "export"]),
      await cli(of, ["stack", "export", "--show-secrets"]),
      await cli(of, ["stack", "output", "--json", "--show-secrets"]),
      await cli(of, ["config", "--json", "--show-secrets"]),
      fs.readFileSync(path.join(workDir, "stacks", `Pulumi.${of.name}.yaml`), "utf8"),
    ].join("\n");

  /** What identifies an environment: its tenant, credentials, secrets, key and app. */
  const fingerprints = async (of: Environment) => {
    const outputs = await of.stack.outputs();
    return [
      of.tenant.endpoint,
      of.tenant.appId,
      of.passphrase,
      ...Object.values(of.secrets),
      outputs.AUTH_LOGTO_ID.value as string,
      outputs.AUTH_LOGTO_SECRET.value as string,
    ];
  };

  const logtoObjects = async (tenant: Sandbox) => ({
    applications: ((await tenant.api("GET", "/api/applications")).body as Array<{ id: string; name: string }>).filter((app) => app.id !== tenant.appId).map((app) => app.name),
    connectors: ((await tenant.api("GET", "/api/connectors")).body as Array<{ id: string }>).map((connector) => connector.id).sort(),
    ssoConnectors: ((await tenant.api("GET", "/api/sso-connectors")).body as Array<{ connectorName: string }>).map((sso) => sso.connectorName),
  });

  beforeAll(async () => {
    const [blueTenant, greenTenant] = await Promise.all([spawnSandbox(), spawnSandbox()]);
    repo = new StandInRepository([]);
    workDir = repo.checkout();
    // The shell still has blue's Logto credentials exported when green's stack is used.
    const shell = { LOGTO_ENDPOINT: blueTenant.endpoint, LOGTO_M2M_APP_ID: blueTenant.appId, LOGTO_M2M_APP_SECRET: blueTenant.appSecret };
    blue = await environment("blue", blueTenant, shell, { okta: "true", oidcTarget: "blue-oidc" });
    green = await environment("green", greenTenant, shell, { oidcTarget: "green-oidc" });
  });

  afterAll(async () => {
    await Promise.all([blue?.tenant.stop(), green?.tenant.stop()]);
    repo?.dispose();
    fs.rmSync(backendDir, { recursive: true, force: true });
  });

  test("up of one, then the other, then preview of each: every request goes to the stack's own tenant", async () => {
    await blue.stack.up();
    await blue.tenant.clearRequests();
    await green.stack.up();
    expect(await blue.tenant.requests()).toEqual([]);

    await green.tenant.clearRequests();
    await blue.stack.preview({ expectNoChanges: true, refresh: true });
    expect(await green.tenant.requests()).toEqual([]);
    await blue.tenant.clearRequests();
    await green.stack.preview({ expectNoChanges: true, refresh: true });
    expect(await blue.tenant.requests()).toEqual([]);
  });

  test("each tenant holds only its own stack's objects", async () => {
    expect(await logtoObjects(blue.tenant)).toEqual({
      applications: ["Auth.js (blue)"],
      connectors: ["logto-pulumi-blue-apple", "logto-pulumi-blue-email", "logto-pulumi-blue-oidc"],
      ssoConnectors: ["Okta"],
    });
    expect(await logtoObjects(green.tenant)).toEqual({
      applications: ["Auth.js (green)"],
      connectors: ["logto-pulumi-green-apple", "logto-pulumi-green-email", "logto-pulumi-green-oidc"],
      ssoConnectors: [],
    });
  });

  test.each([
    ["blue", "green"],
    ["green", "blue"],
  ])("%s's state, outputs, config and stack file hold nothing of %s", async (own, other) => {
    const [mine, theirs] = own === "blue" ? [blue, green] : [green, blue];
    const everything = await everythingOf(mine);

    // Its own values are there, so the search below can find such values.
    expect(Object.values(mine.secrets).filter((secret) => !holds(everything, secret))).toEqual([]);
    expect(holds(everything, mine.tenant.endpoint)).toBe(true);
    const leaked = (await fingerprints(theirs)).filter((fingerprint) => holds(everything, fingerprint));
    expect(leaked).toEqual([]);
    expect(everything).not.toContain(`-${other}-`);
  });

  test("destroying one leaves the other's tenant untouched", async () => {
    const before = await logtoObjects(green.tenant);
    await green.tenant.clearRequests();

    await blue.stack.destroy();

    expect(await logtoObjects(blue.tenant)).toEqual({ applications: [], connectors: [], ssoConnectors: [] });
    expect(await green.tenant.requests()).toEqual([]);
    expect(await logtoObjects(green.tenant)).toEqual(before);
  });
});
