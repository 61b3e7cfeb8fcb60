import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { basic, bearerCall, managementApi, requestToken, send } from "./helpers";

describe("sandbox /oidc/token and Management API auth", () => {
  let sandbox: Sandbox;
  const credentials = () => ({ authorization: basic(sandbox.appId, sandbox.appSecret) });
  const clientCredentials = { grant_type: "client_credentials", resource: managementApi, scope: "all" };

  beforeAll(async () => {
    sandbox = await spawnSandbox({ tokenTtlSeconds: 2 });
  });
  afterAll(() => sandbox?.stop());

  test("Basic auth issues an ES384 at+jwt with scope all", async () => {
    const { status, body, headers } = await requestToken(sandbox.endpoint, clientCredentials, credentials());
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 2, token_type: "Bearer", scope: "all" });
    const [header, payload] = (body.access_token as string)
      .split(".")
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header).toMatchObject({ alg: "ES384", typ: "at+jwt" });
    expect(payload).toMatchObject({ sub: sandbox.appId, client_id: sandbox.appId, aud: managementApi, iss: `${sandbox.endpoint}/oidc` });
  });

  test("client_id and client_secret in the body work too", async () => {
    const { status, body } = await requestToken(sandbox.endpoint, {
      ...clientCredentials,
      client_id: sandbox.appId,
      client_secret: sandbox.appSecret,
    });
    expect(status).toBe(200);
    expect(body.scope).toBe("all");
  });

  test("mixing Basic with a different body client_id is invalid_request", async () => {
    const { status, body } = await requestToken(sandbox.endpoint, { ...clientCredentials, client_id: "other" }, credentials());
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "oidc.invalid_request", error: "invalid_request" });
  });

  test("a wrong secret is 401 oidc.invalid_client", async () => {
    const { status, body } = await requestToken(sandbox.endpoint, clientCredentials, {
      authorization: basic(sandbox.appId, "wrong"),
    });
    expect(status).toBe(401);
    expect(body).toEqual({
      code: "oidc.invalid_client",
      message: "An OIDC error occurred: oidc.invalid_client.",
      error: "invalid_client",
      error_description: "client authentication failed",
    });
  });

  test.each([
    ["an unknown resource", { ...clientCredentials, resource: "https://example.com/api" }],
    ["no resource", { grant_type: "client_credentials", scope: "all" }],
  ])("%s is 400 oidc.invalid_target", async (_case, params) => {
    const { status, body } = await requestToken(sandbox.endpoint, params, credentials());
    expect(status).toBe(400);
    expect(body).toEqual({
      code: "oidc.invalid_target",
      message: "Invalid resource indicator.",
      error: "invalid_target",
      error_description: "resource indicator is missing, or unknown",
    });
  });

  test("without scope=all the token has no scope and the API answers 403 auth.forbidden", async () => {
    const { body } = await requestToken(sandbox.endpoint, { grant_type: "client_credentials", resource: managementApi }, credentials());
    expect(body.scope).toBeUndefined();
    const response = await bearerCall(sandbox.endpoint, body.access_token)("GET", "/api/applications");
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: "auth.forbidden", message: "Forbidden. Please check your user roles and permissions." });
  });

  test("an app without the Management API role gets a token without scope", async () => {
    const created = await sandbox.api("POST", "/api/applications", { name: "other m2m", type: "MachineToMachine" });
    const id = (created.body as { id: string }).id;
    const [secret] = (await sandbox.api("GET", `/api/applications/${id}/secrets`)).body as Array<{ value: string }>;
    const { status, body } = await requestToken(sandbox.endpoint, clientCredentials, { authorization: basic(id, secret!.value) });
    expect(status).toBe(200);
    expect(body.scope).toBeUndefined();
  });

  test("API auth errors have Logto's shapes", async () => {
    const missing = await send(`${sandbox.endpoint}/api/applications`);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: "auth.authorization_header_missing", message: "Authorization header is missing." });

    const basicOnApi = await send(`${sandbox.endpoint}/api/applications`, { headers: credentials() });
    expect(basicOnApi.status).toBe(401);
    expect(basicOnApi.body).toEqual({
      code: "auth.authorization_token_type_not_supported",
      data: { supportedTypes: ["Bearer"] },
      message: "Authorization type is not supported.",
    });

    const garbage = await bearerCall(sandbox.endpoint, "garbage")("GET", "/api/applications");
    expect(garbage.status).toBe(401);
    expect(garbage.body).toEqual({
      code: "auth.unauthorized",
      data: { code: "ERR_JWS_INVALID", name: "JWSInvalid" },
      message: "Unauthorized. Please check credentials and its scope.",
    });
  });

  test("tokens expire after expires_in", async () => {
    const { body } = await requestToken(sandbox.endpoint, clientCredentials, credentials());
    const call = bearerCall(sandbox.endpoint, body.access_token);
    expect((await call("GET", "/api/applications")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await call("GET", "/api/applications");
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: "auth.unauthorized", data: { code: "ERR_JWT_EXPIRED", name: "JWTExpired", claim: "exp" } });
  });

  test("an unknown route under /api is a plain-text 404, even without a token", async () => {
    const response = await send(`${sandbox.endpoint}/api/does-not-exist`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(response.body).toBe("Not Found");
  });

  test("the OIDC discovery document names <endpoint>/oidc as issuer", async () => {
    const { status, body } = await send(`${sandbox.endpoint}/oidc/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: `${sandbox.endpoint}/oidc`,
      token_endpoint: `${sandbox.endpoint}/oidc/token`,
      jwks_uri: `${sandbox.endpoint}/oidc/jwks`,
      id_token_signing_alg_values_supported: ["ES384"],
    });
    const jwks = await send(body.jwks_uri);
    expect(jwks.body.keys[0]).toMatchObject({ kty: "EC", crv: "P-384", alg: "ES384" });
  });
});
