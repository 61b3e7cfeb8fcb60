// The committed environment stacks (stacks/Pulumi.{dev,staging,prod}.yaml): no secret in plain
// text, a KMS key of their own, readable by the real CLI as committed, and accepted by the stack
// program once the secrets their header lists are set.
import { awsOutputsOf } from "../aws-email-sender/mocks";
import * as pulumi from "@pulumi/pulumi";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as yaml from "js-yaml";
import { readStackConfig } from "../../program/config";
import { mission } from "../../program/mission";
import { pulumiBin, repoRoot } from "./support/checkout";

const stacks = ["dev", "staging", "prod"] as const;
const secretNames = ["m2mAppSecret", "oidcClientSecret", "oktaClientSecret", "sesAccessKeySecret"];

interface StackFile {
  secretsprovider?: string;
  encryptionsalt?: string;
  encryptedkey?: string;
  config: Record<string, unknown>;
}

const stackPath = (name: string) => path.join(repoRoot, "stacks", `Pulumi.${name}.yaml`);
const text = (name: string) => fs.readFileSync(stackPath(name), "utf8");
const parsed = (name: string) => yaml.load(text(name)) as StackFile;
/** The secrets the file's header says must be set: its "# - <key>  <what>" lines. */
const requiredSecrets = (name: string) => [...text(name).matchAll(/^# - (\w+)\s/gm)].map((match) => match[1]).sort();

async function cli(args: string[], cwd: string, env: Record<string, string>) {
  return promisify(execFile)(pulumiBin, [...args, "--non-interactive"], {
    cwd,
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", ...env },
  });
}

let mockRun = 0;
async function runProgram(config: Record<string, string>, secrets: string[]) {
  const registered: Array<{ type: string; name: string; inputs: Record<string, any> }> = [];
  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs }) {
        registered.push({ type, name, inputs });
        if (type.startsWith("aws:")) return awsOutputsOf(type, name, inputs);
        return { id: `${name}-id`, state: { ...inputs, appId: `${name}-app`, appSecret: "s", target: name, connectorId: name, callbackUrl: "https://x/cb" } };
      },
      call: () => ({}),
    },
    "logto-pulumi",
    `stacks-${++mockRun}`,
    false,
  );
  pulumi.runtime.setAllConfig(config, secrets);
  mission(readStackConfig());
  for (let wait = 0; wait < 200 && !registered.some((r) => r.type.endsWith("logto:SignInExperience")); wait++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return registered;
}

describe.each(stacks)("stacks/Pulumi.%s.yaml", (name) => {
  let cliConfig: Record<string, { value: string; secret: boolean }>;

  beforeAll(async () => {
    // `pulumi stack init` writes its secrets provider into the stack file, so it runs on a copy,
    // and the committed file is put back before `pulumi config` reads it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-stackfile-"));
    try {
      fs.mkdirSync(path.join(dir, "stacks"));
      fs.copyFileSync(path.join(repoRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      const env = { PULUMI_BACKEND_URL: `file://${dir}/state`, PULUMI_CONFIG_PASSPHRASE: "only-for-stack-init" };
      fs.mkdirSync(path.join(dir, "state"));
      await cli(["stack", "init", name, "--secrets-provider", "passphrase"], dir, env);
      fs.copyFileSync(stackPath(name), path.join(dir, "stacks", `Pulumi.${name}.yaml`));
      // No passphrase and no AWS access: reading the committed file must not need the KMS key.
      const { stdout } = await cli(["config", "--stack", name, "--json"], dir, { PULUMI_BACKEND_URL: env.PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE: "" });
      cliConfig = JSON.parse(stdout);
      expect(fs.readFileSync(path.join(dir, "stacks", `Pulumi.${name}.yaml`), "utf8")).toBe(text(name));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("has a KMS key of its own and no secret in plain text", () => {
    const file = parsed(name);

    expect(file.secretsprovider).toBe(`awskms://alias/logto-pulumi-${name}?region=eu-west-1`);
    expect(file.encryptionsalt).toBeUndefined();
    for (const [key, value] of Object.entries(file.config)) {
      if (secretNames.includes(key.split(":")[1])) expect({ key, value }).toEqual({ key, value: { secure: expect.any(String) } });
    }
    expect(file.config["logto:m2mAppSecret"]).toBeUndefined();
  });

  test("names its Logto Cloud tenant, its Management API resource and its M2M app", () => {
    const config = parsed(name).config;
    const tenant = /^https:\/\/([a-z0-9]+)\.logto\.app$/.exec(String(config["logto:endpoint"]))?.[1];

    expect(tenant).toBeDefined();
    expect(config["logto:resource"]).toBe(`https://${tenant}.logto.app/api`);
    expect(config["logto:m2mAppId"]).toMatch(/^[a-z0-9]{21}$/);
    const others = stacks.filter((other) => other !== name).map((other) => parsed(other).config);
    for (const other of others) {
      expect(other["logto:endpoint"]).not.toBe(config["logto:endpoint"]);
      expect(other["logto:m2mAppId"]).not.toBe(config["logto:m2mAppId"]);
    }
  });

  test("is read by the pulumi CLI as committed, with the project's defaults", () => {
    expect(cliConfig["logto-pulumi:appUrl"].value).toBe(parsed(name).config["logto-pulumi:appUrl"]);
    expect(cliConfig["logto-pulumi:oidcScope"]).toEqual({ value: "openid profile email", secret: false });
    expect(Object.values(cliConfig).filter((entry) => entry.secret)).toEqual([]);
  });

  test("is refused by the program until the secrets its header lists are set, and only for those", () => {
    const config = Object.fromEntries(Object.entries(cliConfig).map(([key, entry]) => [key, entry.value]));
    let problems: string[] = [];
    try {
      pulumi.runtime.setAllConfig(config, []);
      readStackConfig();
    } catch (error) {
      problems = (error as Error).message.split("\n").slice(1).map((line) => line.trim());
    }

    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => /^logto-pulumi:(\w+) is not set: pulumi config set --secret \1 <value>$/.exec(problem)?.[1]).sort()).toEqual(requiredSecrets(name));
  });

  test("with those secrets set, builds the environment's connectors", async () => {
    const config = Object.fromEntries(Object.entries(cliConfig).map(([key, entry]) => [key, entry.value]));
    const secrets = requiredSecrets(name).map((key) => `logto-pulumi:${key}`);
    for (const key of secrets) config[key] = `${key}-value`;

    const registered = await runProgram(config, secrets);
    const logto = registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/logto:")).map((r) => `${r.type.split("/")[1]} ${r.name}`);

    const app = registered.find((r) => r.type.endsWith("logto:Application"))!;
    const appUrl = parsed(name).config["logto-pulumi:appUrl"];
    expect(app.inputs.redirectUris).toEqual([`${appUrl}/api/auth/callback/logto`]);
    const expected = {
      dev: ["logto:Application authjs", "logto:Connector apple", "logto:Connector email", "logto:Connector oidc", "logto:SignInExperience sign-in"],
      staging: ["logto:Application authjs", "logto:Connector apple", "logto:Connector email", "logto:Connector oidc", "logto:SignInExperience sign-in", "logto:SsoConnector okta"],
      prod: ["logto:Application authjs", "logto:Connector apple", "logto:Connector email", "logto:Connector oidc", "logto:SignInExperience sign-in", "logto:SsoConnector okta"],
    }[name];
    expect(logto.sort()).toEqual(expected);
    const sesDomain = registered.find((r) => r.type === "aws:ses/domainIdentity:DomainIdentity");
    expect(sesDomain?.inputs.domain).toBe(name === "prod" ? "shop.example.com" : undefined);
  });
});
