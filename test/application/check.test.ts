import { provider } from "../../resources/application/provider";
import { unknownValue } from "../../resources/provider-kit/check";

const check = (news: Record<string, unknown>) => provider.check!({} as never, { __provider: "serialized", ...news } as never);
const valid = {
  name: "Auth.js",
  type: "Traditional",
  redirectUris: ["https://shop.example.com/api/auth/callback/logto"],
  postLogoutRedirectUris: ["https://shop.example.com"],
};

describe("Application input checks", () => {
  test("accept an Auth.js web app and fill in what was left out", async () => {
    const result = await check(valid);

    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...valid, description: null, corsAllowedOrigins: [], __provider: "serialized" });
  });

  test.each([
    ["web URL with a wildcard host", "https://*.example.com/callback"],
    ["native custom scheme", "io.logto.shop://callback"],
    ["loopback http", "http://localhost:3000/api/auth/callback/logto"],
  ])("accept a %s redirect URI, as Logto does", async (_kind, uri) => {
    expect((await check({ ...valid, redirectUris: [uri] })).failures).toBeUndefined();
  });

  test.each([
    ["not a url", "redirectUris", "redirectUris[0]: is not a valid redirect URI"],
    ["https://shop.example.com/a?next=*", "redirectUris", "redirectUris[0]: is not a valid redirect URI"],
  ])("reject redirect URI %j naming the property", async (uri, property, reason) => {
    const { failures } = await check({ ...valid, redirectUris: [uri] });

    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });

  test("reject every problem at once, each with its own property", async () => {
    const { failures } = await check({
      name: "",
      type: "Mainframe",
      redirectUris: "https://one.example.com",
      postLogoutRedirectUris: ["nope"],
      corsAllowedOrigins: ["https://shop.example.com/"],
    });

    expect(failures?.map((failure) => failure.property).sort()).toEqual(
      ["corsAllowedOrigins", "name", "postLogoutRedirectUris", "redirectUris", "type"],
    );
    expect(failures).toContainEqual({ property: "type", reason: "type: must be one of Traditional, SPA, Native, MachineToMachine" });
    expect(failures).toContainEqual({ property: "name", reason: "name: must not be empty" });
  });

  test("reject a missing name as required", async () => {
    const { name: _omitted, ...withoutName } = valid;
    expect((await check(withoutName)).failures).toEqual([{ property: "name", reason: "name: is required" }]);
  });

  test("do not judge values that are unknown until apply", async () => {
    const result = await check({ ...valid, redirectUris: [unknownValue], name: unknownValue });

    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ redirectUris: [unknownValue] });
  });
});

describe("Application diffs", () => {
  const state = { ...valid, description: null, corsAllowedOrigins: [] } as never;

  test("see no change when nothing the user owns changed", async () => {
    expect(await provider.diff!("id", state, { ...(state as object) } as never)).toMatchObject({ changes: false, replaces: [] });
  });

  test("update in place for a new redirect URI", async () => {
    const news = { ...(state as object), redirectUris: ["https://b.example.com/cb"] } as never;
    expect(await provider.diff!("id", state, news)).toMatchObject({ changes: true, replaces: [] });
  });

  test("replace when the type changes, since Logto cannot change it", async () => {
    const news = { ...(state as object), type: "SPA" } as never;
    expect(await provider.diff!("id", state, news)).toMatchObject({ changes: true, replaces: ["type"] });
  });
});
