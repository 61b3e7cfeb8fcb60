import type { EngineStack } from "../support/engine";
import { createFullStack, newFullStackSecrets } from "../support/full-stack";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/**
 * The `pulumi preview --diff` text the preview workflow posts on a pull request, for the pull
 * requests teams typically open against the full stack: exactly the resources and fields that
 * change, old => new for plain values, secrets never shown, nothing `[unknown]` to guess at.
 */
describe("pull-request previews a reviewer can read", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const secrets = newFullStackSecrets();
  const rotatedSecret = `oidc-secret-rotated-${Date.now()}`;
  const config = (...args: string[]) => engine.cli(["config", ...args]).then(({ code, stderr }) => expect({ code, stderr }).toMatchObject({ code: 0 }));

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createFullStack(sandbox, secrets);
  });
  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  /** The preview a pull request gets with `change` applied; the change is undone afterwards. */
  async function previewOf(change: () => Promise<unknown>, undo: () => Promise<unknown>, args: string[] = []) {
    await change();
    try {
      const { code, stdout, stderr } = await engine.cli(["preview", "--diff", ...args]);
      expect({ code, stderr: code ? stderr : "" }).toEqual({ code: 0, stderr: "" });
      return { stdout, stderr, steps: stepsIn(stdout) };
    } finally {
      await undo();
    }
  }

  /** `<Type> <name>: <operation>` for each resource the preview changes. */
  const stepsIn = (text: string) =>
    [...text.matchAll(/^ {4}([~+-]|\+-|-\+) pulumi-nodejs:dynamic\/logto:(\w+): \((\w[\w-]*)\)\n(?:.*\n)*? +\[urn=[^\]]*::(\S+)\]/gm)].map(
      ([, , type, operation, name]) => `${type} ${name}: ${operation}`,
    );

  /** What no preview may hold: values a reviewer would have to guess at, and secrets. */
  function expectReadable(text: string) {
    expect(text).not.toContain("[unknown]");
    expect(text).not.toContain("output<");
    for (const secret of [...Object.values(secrets), rotatedSecret]) expect(text).not.toContain(secret);
  }

  test("the pull request that adds the stack previews every object as created, its checks passed", async () => {
    const { stdout } = await previewOf(async () => undefined, async () => undefined);
    await engine.up();

    // The connectors' targets are not Logto's yet, so the sign-in page's check does not look for them.
    expect(stdout).toMatch(/ socialSignInConnectorTargets: \[\n +\[0\]: \[unknown\]\n +\[1\]: \[unknown\]\n +\]/);
    expect(stdout).toMatch(/Resources:\n +\+ 16 to create/);
    for (const secret of Object.values(secrets)) expect(stdout).not.toContain(secret);
  });

  test("an OIDC scope change shows the scope, old => new, in a config whose client secret stays hidden", async () => {
    const { stdout, steps } = await previewOf(
      () => config("set", "logto-pulumi:oidcScope", "openid profile email offline_access"),
      () => config("rm", "logto-pulumi:oidcScope"),
    );

    expect(steps).toEqual(["Connector oidc: update"]);
    expect(stdout).toMatch(/~ scope +: "openid profile email" => "openid profile email offline_access"/);
    expect(stdout).toMatch(/ clientId +: "shop"/);
    expect(stdout).toMatch(/ clientSecret +: \[secret\]/);
    expect(stdout).toMatch(/Resources:\n +~ 1 to update\n +15 unchanged/);
    expectReadable(stdout);
  });

  test("a second Okta email domain shows as added, on the SSO connector and the organization that follows its domains", async () => {
    const { stdout, steps } = await previewOf(
      () => config("set", "--path", "logto-pulumi:oktaDomains[1]", "acme-corp.test"),
      () => config("rm", "--path", "logto-pulumi:oktaDomains[1]"),
    );

    expect(steps).toEqual(["SsoConnector okta: update", "Organization customer: update"]);
    expect(stdout).toMatch(/~ domains +: \[\n +\[0\]: "example.com"\n +\+ \[1\]: "acme-corp.test"\n +\]/);
    expect(stdout).toMatch(/ clientSecret +: \[secret\]/);
    expectReadable(stdout);
  });

  test("a rotated client secret shows that the secret changes, never its value", async () => {
    const { stdout, stderr, steps } = await previewOf(
      () => engine.setConfig("logto-pulumi:oidcClientSecret", rotatedSecret, true),
      () => engine.setConfig("logto-pulumi:oidcClientSecret", secrets.oidcClientSecret, true),
    );

    expect(steps).toEqual(["Connector oidc: update"]);
    expect(stdout).toMatch(/~ secretRevisions: \{\n +~ config.clientSecret: 1 => 2\n +\}/);
    expectReadable(stdout + stderr);
  });

  test("turning Apple off deletes its connector and takes its target off the sign-in page, and nothing else", async () => {
    const { stdout, steps } = await previewOf(
      () => config("set", "logto-pulumi:apple", "false"),
      () => config("set", "logto-pulumi:apple", "true"),
    );

    expect(steps).toEqual(["SignInExperience sign-in: update", "Connector apple: delete"]);
    expect(stdout).toMatch(/~ socialSignInConnectorTargets: \[\n +~ \[0\]: "apple" => "corp-oidc"\n +- \[1\]: "corp-oidc"\n +\]/);
    expect(stdout).toMatch(/- appleReturnUrl +: "http/);
    expectReadable(stdout);
  });

  test("a new app URL changes the app's redirect URIs, old => new; its client ID and the issuer stay as they are", async () => {
    const { stdout, steps } = await previewOf(
      () => config("set", "logto-pulumi:appUrl", "https://shop.example.org"),
      () => config("set", "logto-pulumi:appUrl", "https://shop.example.com"),
    );

    expect(steps).toEqual(["Application authjs: update"]);
    expect(stdout).toContain('~ [0]: "https://shop.example.com/api/auth/callback/logto" => "https://shop.example.org/api/auth/callback/logto"');
    expect(stdout).not.toMatch(/AUTH_LOGTO_(ID|ISSUER)/);
    expectReadable(stdout);
  });

  test("a new permission and a role holding it show as one added permission and one new role", async () => {
    const { stdout, steps } = await previewOf(
      async () => {
        await config("set", "--path", "logto-pulumi:apiPermissions.refund:orders", "Refund orders");
        await config("set", "--path", "logto-pulumi:apiRoles.Refunds.description", "Refunds orders");
        await config("set", "--path", "logto-pulumi:apiRoles.Refunds.permissions[0]", "refund:orders");
      },
      async () => {
        await config("rm", "--path", "logto-pulumi:apiRoles.Refunds");
        await config("rm", "--path", "logto-pulumi:apiPermissions.refund:orders");
      },
    );

    expect(steps).toEqual(["ApiResource api: update", "Role api-role-Refunds: create"]);
    expect(stdout).toMatch(/~ scopes +: \{\n(?: +\S+ +: "[^"]*"\n)* +\+ refund:orders: "Refund orders"/);
    expectReadable(stdout);
  });

  test("a sign-in page changed outside the stack names the field, the value Logto holds and the one the stack sets", async () => {
    const drift = () => sandbox.api("PATCH", "/api/sign-in-exp", { socialSignInConnectorTargets: ["apple"] });
    const repair = () => sandbox.api("PATCH", "/api/sign-in-exp", { socialSignInConnectorTargets: ["apple", "corp-oidc"] });

    const plain = await previewOf(drift, repair);
    expect(plain.steps).toEqual(["SignInExperience sign-in: update"]);
    expect(plain.stderr).toContain('socialSignInConnectorTargets: Logto holds ["apple"], this stack sets ["apple","corp-oidc"]');

    // The preview workflow reads Logto afresh (refresh), so the field shows in the diff itself.
    const refreshed = await previewOf(drift, repair, ["--refresh"]);
    expect(refreshed.steps).toEqual(["SignInExperience sign-in: refresh", "SignInExperience sign-in: update"]);
    expect(refreshed.stdout).toMatch(/~ socialSignInConnectorTargets: \[\n +\[0\]: "apple"\n +\+ \[1\]: "corp-oidc"\n +\]/);
    expectReadable(refreshed.stdout + plain.stdout);
  });

  test("after every one of them, the stack previews with no change", async () => {
    await engine.preview({ expectNoChanges: true });
  });
});
