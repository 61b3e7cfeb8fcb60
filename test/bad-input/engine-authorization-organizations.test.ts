// Bad API resource, role, app role and organization inputs, alone and across resources of one
// program, through the real `pulumi preview` (see cases.ts).
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { programBatches, resourceBatches } from "./cases";
import { describeProgramBatches, describeResourceBatches } from "./engine-run";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await spawnSandbox();
});
afterAll(() => sandbox?.stop());

describeResourceBatches(
  "bad API resource, role, app role and organization inputs fail at preview, naming the input, with no write",
  resourceBatches.filter((batch) => ["ApiResource", "Role", "OrganizationScope", "OrganizationRole", "Organization"].includes(batch.kind) || batch.baseline === "m2mApp"),
  () => sandbox,
);

describeProgramBatches("rules across the resources of a program fail at preview, naming the input, with no write", programBatches, () => sandbox);
