import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/application");

const valid = {
  name: "Auth.js (test)",
  type: "Traditional",
  redirectUris: JSON.stringify(["https://shop.example.com/api/auth/callback/logto"]),
  postLogoutRedirectUris: JSON.stringify(["https://shop.example.com"]),
};

const badInputs: Array<[string, Record<string, string>, RegExp]> = [
  ["a redirect URI that is not a URL", { redirectUris: JSON.stringify(["not a url"]) }, /redirectUris\[0\]: is not a valid redirect URI/],
  ["an empty name", { name: " " }, /name: must not be empty/],
  ["an unknown application type", { type: "Mainframe" }, /type: must be one of Traditional, SPA, Native, MachineToMachine/],
  ["a CORS origin with a path", { corsAllowedOrigins: JSON.stringify(["https://shop.example.com/app"]) }, /corsAllowedOrigins\[0\]: must be an origin/],
];

describe("bad Application input fails at preview, before any request to Logto", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({ workDir: fixture, logto: sandbox, config: valid });
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test.each(badInputs)("%s", async (_case, overrides, expected) => {
    await engine.stack.setAllConfig(
      Object.fromEntries(Object.entries({ ...valid, ...overrides }).map(([key, value]) => [key, { value }])),
    );
    await sandbox.clearRequests();

    const preview = engine.preview();

    await expect(preview).rejects.toThrow(expected);
    await expect(preview).rejects.toThrow(/property (redirectUris|name|type|corsAllowedOrigins) value .* has a problem/);
    expect((await sandbox.requests()).filter((entry) => entry.class !== "admin")).toEqual([]);
  });
});
