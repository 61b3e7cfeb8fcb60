import { createEngineStack } from "../support/engine";
import { spawnSandbox } from "../support/sandbox";

async function main() {
  let t = Date.now();
  const lap = (what: string) => { console.log(what, Date.now() - t); t = Date.now(); };
  const sandbox = await spawnSandbox();
  const engine = await createEngineStack({ logto: sandbox });
  lap("stack");
  const cases: Array<Record<string, string>> = [
    { appUrl: "http://shop.example.com", oidcTarget: "Corp_OIDC", emailSender: "smtp", oktaConnectorName: " " },
    { appUrl: "https://shop.example.com", oidcTarget: "corp", emailSender: "existing", oktaConnectorName: "Okta", apple: "true", oidc: "true", oidcAuthorizationEndpoint: "nope", okta: "true", oktaIssuer: "https://acme.okta.com/", email: "true", emailFrom: "no-reply" },
    { appUrl: "https://shop.example.com", oidc: "true", oidcAuthorizationEndpoint: "https://idp.example.com/a", oidcTokenEndpoint: "https://idp.example.com/t", oidcJwksUri: "https://idp.example.com/j", oidcClientId: "c", okta: "true", oktaIssuer: "https://acme.okta.com", oktaClientId: "x", oktaClientSecret: "plain-okta-9", email: "true", emailFrom: "a@example.com", sesAccessKeyId: "AKIA" },
  ];
  let prev: string[] = [];
  for (const config of cases) {
    if (prev.length) await engine.stack.removeAllConfig(prev);
    prev = Object.keys(config);
    await engine.stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v }])));
    lap("config");
    try {
      await engine.preview();
      console.log("PASSED?!");
    } catch (e) {
      console.log(String((e as Error).message));
    }
    lap("preview");
  }
  console.log((await sandbox.requests()).map((r) => `${r.class} ${r.method} ${r.path}`));
  await engine.dispose();
  await sandbox.stop();
}
main();
