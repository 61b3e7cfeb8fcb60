import * as path from "node:path";
import { createEngineStack, repoRoot } from "../support/engine";
import { spawnSandbox } from "../support/sandbox";

async function main() {
  let t = Date.now();
  const lap = (what: string) => { console.log(what, Date.now() - t); t = Date.now(); };
  const sandbox = await spawnSandbox();
  lap("sandbox");
  const engine = await createEngineStack({ workDir: path.join(repoRoot, "test/fixtures/bad-input"), logto: sandbox });
  lap("stack");
  const cases = [
    [{ kind: "Application", name: "a1", args: { name: " ", type: "Traditional" } }],
    [{ kind: "Application", name: "a1", args: { name: "x", type: "Mainframe" } }],
    [{ kind: "Connector", name: "c1", args: { factoryId: "oidc", config: { clientId: "x", clientSecret: "$secret:s1" } } }],
    [{ kind: "SsoConnector", name: "s1", args: { providerName: "Okta", connectorName: "o", config: { issuer: "https://a.okta.com/", clientId: "c", clientSecret: "$secret:s1" }, domains: ["gmail.com"] } }],
    [{ kind: "SignInExperience", name: "sie", args: { signUp: { identifiers: ["email"], password: true, verify: false } } }],
    [{ kind: "Connector", name: "c2", args: { factoryId: "no-such-factory", config: {} } }],
  ];
  await engine.setConfig("secrets", JSON.stringify({ s1: "topsecret-123" }), true);
  lap("secret");
  for (const resources of cases) {
    await engine.setConfig("resources", JSON.stringify(resources));
    lap("config");
    try {
      await engine.preview();
    } catch (e) {
      console.log(String((e as Error).message).split("\n").filter((l) => l.startsWith("error") || l.includes("rror:")).join("\n"));
    }
    lap("preview");
  }
  console.log((await sandbox.requests()).map((r) => `${r.class} ${r.method} ${r.path}`));
  await engine.dispose();
  await sandbox.stop();
}
main();
