import { TokenSource } from "../../resources/logto/token";

/** Short-lived tokens (the `--token-ttl` scenario of faults.test.ts): reused, renewed before expiry. */
describe("the token source with tokens of various lifetimes", () => {
  const connection = { endpoint: "http://logto.test", appId: "m2m", appSecret: "s3cret", resource: "https://default.logto.app/api" };
  let now = 0;
  let issued = 0;
  const source = (expiresIn: number) =>
    new TokenSource(connection, async () => ({
      status: 200,
      headers: {},
      body: { access_token: `token-${++issued}`, expires_in: expiresIn, scope: "all", token_type: "Bearer" },
    }));

  beforeEach(() => {
    now = 1_000_000;
    issued = 0;
    jest.spyOn(Date, "now").mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  test.each([
    // lifetime s, still reused at ms, renewed at ms
    [3600, 3_539_000, 3_540_000],
    [120, 59_000, 60_000],
    [30, 14_000, 15_000],
    [3, 1_400, 1_500],
  ])("a token living %i s is reused until %i ms and renewed from %i ms", async (expiresIn, reusedAt, renewedAt) => {
    const tokens = source(expiresIn);
    expect(await tokens.get()).toBe("token-1");
    now += reusedAt;
    expect(await tokens.get()).toBe("token-1");
    now += renewedAt - reusedAt;
    expect(await tokens.get()).toBe("token-2");
    expect(tokens.fetches).toBe(2);
  });
});
