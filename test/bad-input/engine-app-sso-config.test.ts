// Bad Application and SsoConnector inputs and bad stack config through the real
// `pulumi preview` (see cases.ts).
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { configBatches, resourceBatches } from "./cases";
import { describeConfigBatches, describeResourceBatches } from "./engine-run";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await spawnSandbox();
});
afterAll(() => sandbox?.stop());

describeResourceBatches(
  "bad application and SSO connector inputs fail at preview, naming the input, with no write",
  resourceBatches.filter((batch) => (batch.kind === "Application" && batch.baseline !== "m2mApp") || batch.kind === "SsoConnector"),
  () => sandbox,
);

describeConfigBatches("bad stack config fails at preview, naming the key, with no write", configBatches, () => sandbox);
