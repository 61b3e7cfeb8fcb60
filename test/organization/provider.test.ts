import type { OrganizationArgs } from "../../resources/organization/schema";
import { providerOfANewRun } from "../support/provider";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

type Provider = typeof import("../../resources/organization/provider").provider;

const args: OrganizationArgs = { name: "Acme", description: null, jitEmailDomains: ["acme.com"], managedBy: "shop/prod/acme" };

describe("Organization provider: one organization per resource, in small and large tenants", () => {
  let sandbox: Sandbox;
  const nextRun = () => providerOfANewRun<{ provider: Provider }>(sandbox, "organization").provider;
  const sent = async () => (await sandbox.requests()).filter((entry) => entry.class !== "token").map((entry) => `${entry.method} ${entry.path}${entry.query.q ? `?q=${entry.query.q}` : ""}`);
  /** What an interrupted run left: the organization, with its mark, and other customers named alike. */
  const leftByAnInterruptedRun = async () => {
    await sandbox.api("POST", "/api/organizations", { name: "Acme", customData: { "pulumi:managedBy": "someone/else/acme" } });
    return (await sandbox.api("POST", "/api/organizations", { name: "Acme", customData: { "pulumi:managedBy": args.managedBy } })).body as { id: string };
  };

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearRequests();
  });

  test("a create takes over the organization its resource made before, found in one list per run", async () => {
    const earlier = await leftByAnInterruptedRun();

    const { id } = await nextRun().create(args);

    expect(id).toBe(earlier.id);
    expect(await sent()).toEqual(["GET /api/organizations", `PATCH /api/organizations/${id}`, `PUT /api/organizations/${id}/jit/email-domains`]);
  });

  test("in a tenant of 1,000 organizations or more, a create searches by name instead of listing them all", async () => {
    for (let start = 0; start < 1000; start += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, index) => sandbox.api("POST", "/api/organizations", { name: `Customer ${start + index}` })));
    }
    const earlier = await leftByAnInterruptedRun();
    await sandbox.clearRequests();

    const provider = nextRun();
    const { id } = await provider.create(args);
    await provider.create({ ...args, name: "Globex", managedBy: "shop/prod/globex" });

    expect(id).toBe(earlier.id);
    const requests = await sent();
    expect(requests.filter((request) => request === "GET /api/organizations")).toHaveLength(10); // listed once, up to 1,000
    expect(requests.filter((request) => request.startsWith("GET /api/organizations?q="))).toEqual(["GET /api/organizations?q=Acme", "GET /api/organizations?q=Globex"]);
    expect(requests.filter((request) => request === "POST /api/organizations")).toHaveLength(1); // Globex only
  });
});
