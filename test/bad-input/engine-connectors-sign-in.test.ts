// Bad Connector and SignInExperience inputs through the real `pulumi preview` (see cases.ts).
// The engine batches are split in two files of about the same length, so jest's two workers
// run them side by side.
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { resourceBatches } from "./cases";
import { describeResourceBatches } from "./engine-run";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await spawnSandbox();
});
afterAll(() => sandbox?.stop());

describeResourceBatches(
  "bad connector, sign-in experience and custom phrase inputs fail at preview, naming the input, with no write",
  resourceBatches.filter((batch) => batch.kind === "Connector" || batch.kind === "SignInExperience" || batch.kind === "CustomPhrase"),
  () => sandbox,
);
