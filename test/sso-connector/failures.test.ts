import { AmbiguousWriteError } from "../../resources/logto";
import type { SsoConnectorOutputs } from "../../resources/sso-connector/provider";
import type { Sandbox } from "../support/sandbox";
import { closedPort } from "../support/net";
import { checked, connectorsIn, oktaInputs, provider, sandboxForProvider, startStoppableIdp } from "./support";

describe("SsoConnector when things go wrong", () => {
  let sandbox: Sandbox;
  /** Drops the connection of the next `times` creates (answered never). */
  const dropCreates = (times: number) =>
    sandbox.faults([{ match: { method: "POST", path: "^/api/sso-connectors$" }, drop: true, times }]);

  beforeAll(async () => {
    sandbox = await sandboxForProvider();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(async () => {
    await sandbox.reset();
  });

  test("a create whose connection drops is sent again and makes exactly one connector", async () => {
    await dropCreates(1);

    const { id } = await provider.create(await checked(oktaInputs(sandbox)));

    const rows = await connectorsIn(sandbox);
    expect(rows.map((row) => row.id)).toEqual([id]);
    const posts = (await sandbox.requests()).filter((entry) => entry.method === "POST" && entry.path === "/api/sso-connectors");
    expect(posts.map((entry) => entry.status)).toEqual([0, 200]);
  });

  test("a create that never gets an answer fails as ambiguous and makes no connector", async () => {
    await dropCreates(10);

    await expect(provider.create(await checked(oktaInputs(sandbox)))).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(await connectorsIn(sandbox)).toEqual([]);
  });

  test("a create that was applied although its answer was lost is found, not repeated", async () => {
    // Stands in for a lost answer: the connector exists, made just now under the same name.
    const inputs = await checked(oktaInputs(sandbox));
    const made = (await sandbox.api("POST", "/api/sso-connectors", inputs)).body as { id: string };
    await dropCreates(10);

    const { id } = await provider.create(inputs);

    expect(id).toBe(made.id);
    expect(await connectorsIn(sandbox)).toHaveLength(1);
  });

  test("an unreachable issuer fails with an error that names it and not the secret", async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}/oauth2/default`;
    const inputs = await checked({ ...oktaInputs(sandbox), config: { ...oktaInputs(sandbox).config, issuer } });

    const error = (await provider.create(inputs).catch((caught: unknown) => caught)) as Error;

    expect(error.message).toContain(`issuer ${issuer} from ${issuer}/.well-known/openid-configuration`);
    expect(error.message).toContain("connector.invalid_config");
    expect(error.message).not.toContain("okta-secret-1");
    expect(await connectorsIn(sandbox)).toEqual([]);
  });

  test("while the IdP is down, a branding change still applies: only a config change needs it", async () => {
    const idp = await startStoppableIdp();
    const inputs = await checked({ ...oktaInputs(sandbox), config: { ...oktaInputs(sandbox).config, issuer: idp.issuer } });
    const { id, outs } = (await provider.create(inputs)) as { id: string; outs: SsoConnectorOutputs };
    await idp.stop();

    const rebranded = await provider.update!(id, outs, { ...inputs, branding: { displayName: "Acme Corp" } });
    expect(rebranded.outs?.branding).toEqual({ displayName: "Acme Corp" });

    const newSecret = { ...inputs, config: { ...inputs.config, clientSecret: "okta-secret-2" } };
    await expect(provider.update!(id, outs, newSecret)).rejects.toThrow(`issuer ${idp.issuer} from`);
  });

  test("an update to an unreachable issuer fails the same way and changes nothing", async () => {
    const inputs = await checked(oktaInputs(sandbox));
    const { id, outs } = (await provider.create(inputs)) as { id: string; outs: SsoConnectorOutputs };
    const issuer = `http://127.0.0.1:${await closedPort()}`;

    const update = provider.update!(id, outs, { ...inputs, config: { ...outs.config, issuer } });

    await expect(update).rejects.toThrow(`issuer ${issuer} from`);
    expect((await connectorsIn(sandbox))[0].config).toEqual(outs.config);
  });
});
