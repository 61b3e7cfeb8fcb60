// Small helpers shared by the sandbox's own tests.
export const managementApi = "https://default.logto.app/api";

export type RawResponse = { status: number; body: any; headers: Headers };

export const send = async (url: string, init: RequestInit = {}): Promise<RawResponse> => {
  const response = await fetch(url, init);
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  return { status: response.status, body: text && isJson ? JSON.parse(text) : text, headers: response.headers };
};

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

export const requestToken = async (
  endpoint: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  send(`${endpoint}/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(params),
  });

/** A token with scope `all` for the sandbox's seeded M2M app. */
export const fetchAllScopeToken = async (endpoint: string, appId: string, appSecret: string) => {
  const { body } = await requestToken(
    endpoint,
    { grant_type: "client_credentials", resource: managementApi, scope: "all" },
    { authorization: basic(appId, appSecret) },
  );
  return body.access_token as string;
};

export const bearerCall = (endpoint: string, token: string) => async (method: string, path: string, body?: unknown) =>
  send(`${endpoint}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
