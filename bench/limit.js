// The physical limit: a plain Node script that sends exactly the Management API requests our
// `up` of the generated apps-and-connectors stack sends (test/fixtures/bench, shape `apps`), with
// the client's concurrency and one token, and nothing else: no Pulumi, no checks, no state.
//   node bench/limit.js up|read|destroy <objects> <ids file>
// Connection from LOGTO_ENDPOINT, LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET; LIMIT_CONCURRENCY (16).
"use strict";
const fs = require("node:fs");
const { Agent, request } = require("undici");

const [mode, objectsText, idsFile] = process.argv.slice(2);
const objects = Number(objectsText);
const endpoint = process.env.LOGTO_ENDPOINT;
const concurrency = Number(process.env.LIMIT_CONCURRENCY ?? 16);
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 });
const pad = (index) => String(index).padStart(3, "0");

async function call(method, path, { body, headers = {} } = {}) {
  const res = await request(`${endpoint}${path}`, { method, headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: agent });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`);
  return text && String(res.headers["content-type"]).includes("json") ? JSON.parse(text) : text;
}

async function token() {
  const basic = Buffer.from(`${process.env.LOGTO_M2M_APP_ID}:${process.env.LOGTO_M2M_APP_SECRET}`).toString("base64");
  const res = await request(`${endpoint}/oidc/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", resource: "https://default.logto.app/api", scope: "all" }).toString(),
    dispatcher: agent,
  });
  return (await res.body.json()).access_token;
}

/** Runs `tasks` with at most `concurrency` at once, as the client's limiter does. */
async function pool(tasks) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }));
  return results;
}

async function main() {
  const auth = { authorization: `Bearer ${await token()}` };
  const apps = Math.ceil(objects / 2);
  if (mode === "up") {
    const made = await pool([
      ...Array.from({ length: apps }, (_, index) => async () => {
        const host = `https://app-${pad(index)}.example.com`;
        const app = await call("POST", "/api/applications", {
          headers: auth,
          body: { name: `Bench app ${pad(index)}`, type: "Traditional", description: null, oidcClientMetadata: { redirectUris: [`${host}/api/auth/callback/logto`], postLogoutRedirectUris: [host] }, customClientMetadata: { corsAllowedOrigins: [] } },
        });
        await call("GET", `/api/applications/${app.id}/secrets`, { headers: auth });
        return `/api/applications/${app.id}`;
      }),
      ...Array.from({ length: objects - apps }, (_, index) => async () => {
        const idp = `https://idp-${pad(index)}.example.com`;
        const connector = await call("POST", "/api/connectors", {
          headers: auth,
          body: {
            connectorId: "oidc",
            id: `limit-oidc-${pad(index)}`,
            metadata: { target: `limit-oidc-${pad(index)}`, name: { en: `Bench IdP ${pad(index)}` } },
            config: { authorizationEndpoint: `${idp}/authorize`, tokenEndpoint: `${idp}/token`, clientId: `bench-client-${pad(index)}`, clientSecret: `bench-secret-${pad(index)}`, scope: "openid profile email", idTokenVerificationConfig: { jwksUri: `${idp}/jwks` } },
            syncProfile: false,
          },
        });
        return `/api/connectors/${connector.id}`;
      }),
    ]);
    fs.writeFileSync(idsFile, JSON.stringify(made));
  } else {
    const paths = JSON.parse(fs.readFileSync(idsFile, "utf8"));
    await pool(paths.map((path) => () => call(mode === "read" ? "GET" : "DELETE", path, { headers: auth })));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
