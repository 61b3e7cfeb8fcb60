import type { SsoConnectorOutputs } from "../../resources/sso-connector/provider";
import type { Sandbox } from "../support/sandbox";
import { checked, connectorsIn, oktaInputs, provider, sandboxForProvider } from "./support";

describe("SsoConnector refresh", () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await sandboxForProvider();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(async () => {
    await sandbox.reset();
  });

  test("finds a client secret changed out of band, and update puts ours back", async () => {
    const inputs = await checked(oktaInputs(sandbox));
    const { id, outs } = (await provider.create(inputs)) as { id: string; outs: SsoConnectorOutputs };
    await sandbox.api("PATCH", `/api/sso-connectors/${id}`, { config: { ...outs.config, clientSecret: "rotated-in-console" } });

    const read = await provider.read!(id, outs);

    expect(read.props?.config).toMatchObject({ clientSecret: "rotated-in-console" });
    expect(read.inputs?.config).toMatchObject({ clientSecret: "rotated-in-console" });
    const diff = await provider.diff!(id, read.props as SsoConnectorOutputs, inputs);
    expect(diff).toMatchObject({ changes: true, replaces: [] });

    await provider.update!(id, read.props as SsoConnectorOutputs, inputs);
    const [row] = await connectorsIn(sandbox);
    expect(row.config).toMatchObject({ clientSecret: "okta-secret-1" });
  });

  test("finds a connector deleted out of band and leaves the state", async () => {
    const { id, outs } = (await provider.create(await checked(oktaInputs(sandbox)))) as { id: string; outs: SsoConnectorOutputs };
    await sandbox.api("DELETE", `/api/sso-connectors/${id}`);

    const read = await provider.read!(id, outs);

    expect(read.id).toBeUndefined();
  });
});
