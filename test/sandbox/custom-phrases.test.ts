// Custom phrases of the sandbox, as observed on a real Logto OSS v1.41.0
// (shared/logto-rbac-org-facts.md §0 and §10); where the facts are silent, as
// packages/core/src/routes/custom-phrase.ts does it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { fixtureCredentials } from "../fixtures/upgrade/fixture";
import { spawnSandbox, type ApiResponse, type Sandbox } from "../support/sandbox";

const notFound = { code: "entity.not_found", message: "The resource does not exist." };
const invalidStructure = {
  code: "localization.invalid_translation_structure",
  message: "Invalid data schemas. Please check your input and try again.",
};
const guardError = (response: ApiResponse) => {
  const body = response.body as any;
  return { status: response.status, code: body.code, message: body.message, paths: body.data.issues.map(({ path: issuePath }: { path: unknown[] }) => issuePath) };
};

describe("sandbox /api/custom-phrases", () => {
  let sandbox: Sandbox;
  const put = (languageTag: string, translation: unknown) => sandbox.api("PUT", `/api/custom-phrases/${languageTag}`, translation);

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  test("PUT creates and replaces a language's phrases, 201 both times, keeping the id", async () => {
    const created = await put("fr", { input: { username: "Nom d'utilisateur" } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ tenantId: "default", id: expect.stringMatching(/^[a-z0-9]{21}$/), languageTag: "fr", translation: { input: { username: "Nom d'utilisateur" } } });

    const replaced = await put("fr", { action: { sign_in: "Se connecter" } });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toEqual({ ...(created.body as object), translation: { action: { sign_in: "Se connecter" } } });
    const read = await sandbox.api("GET", "/api/custom-phrases/fr");
    expect([read.status, read.body]).toEqual([200, replaced.body]);
  });

  test("empty strings are removed, and objects they leave empty", async () => {
    const response = await put("de", { input: { username: "", password: "Passwort" }, action: { sign_in: "" } });
    expect([response.status, (response.body as any).translation]).toEqual([201, { input: { password: "Passwort" } }]);
    expect(((await put("de", { input: { username: "" } })).body as any).translation).toEqual({});
  });

  test("keys outside the English phrases, or of the wrong shape, are 422", async () => {
    for (const translation of [{ nope: "x" }, { input: { nope: "x" } }, { input: "x" }, { input: { username: { deeper: "x" } } }]) {
      const response = await put("fr", translation);
      expect([response.status, response.body]).toEqual([422, invalidStructure]);
    }
    expect((await sandbox.api("GET", "/api/custom-phrases")).body).toEqual([]);
  });

  test("values must be strings or nested objects", async () => {
    for (const translation of [{ input: { username: 5 } }, { input: null }, { input: ["x"] }]) {
      expect(guardError(await put("fr", translation))).toMatchObject({ status: 400, code: "guard.invalid_input", message: "The request body is invalid." });
    }
  });

  test("a tag Logto does not know fails the params guard on every verb", async () => {
    for (const [method, body] of [["GET"], ["PUT", { input: { username: "x" } }], ["DELETE"]] as const) {
      expect(guardError(await sandbox.api(method, "/api/custom-phrases/xx-invalid", body))).toEqual({
        status: 400,
        code: "guard.invalid_input",
        message: "The request params is invalid.",
        paths: [["languageTag"]],
      });
    }
  });

  test("the list is a plain array ordered by language tag", async () => {
    for (const tag of ["sv", "fr", "af-ZA"]) {
      await put(tag, { input: { username: tag } });
    }
    const response = await sandbox.api("GET", "/api/custom-phrases");
    expect(response.status).toBe(200);
    expect(response.headers["total-number"]).toBeUndefined();
    expect((response.body as Array<{ languageTag: string }>).map(({ languageTag }) => languageTag)).toEqual(["af-ZA", "fr", "sv"]);
  });

  test("GET and DELETE of a missing language are 404 entity.not_found", async () => {
    const read = await sandbox.api("GET", "/api/custom-phrases/fr");
    expect([read.status, read.body]).toEqual([404, notFound]);
    const deleted = await sandbox.api("DELETE", "/api/custom-phrases/fr");
    expect([deleted.status, deleted.body]).toEqual([404, notFound]);
  });

  test("DELETE answers 204 with no body, then 404", async () => {
    await put("fr", { input: { username: "x" } });
    const deleted = await sandbox.api("DELETE", "/api/custom-phrases/fr");
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expect((await sandbox.api("DELETE", "/api/custom-phrases/fr")).status).toBe(404);
    expect((await sandbox.api("GET", "/api/custom-phrases")).body).toEqual([]);
  });

  test("the sign-in experience's fallback language cannot be deleted (409), phrases or not", async () => {
    const cannotDelete = (tag: string) => ({
      code: "localization.cannot_delete_default_language",
      message: `${tag} is set as your default language and can’t be deleted.`,
    });
    const english = await sandbox.api("DELETE", "/api/custom-phrases/en");
    expect([english.status, english.body]).toEqual([409, cannotDelete("en")]);

    await put("sv", { input: { username: "Användarnamn" } });
    expect((await sandbox.api("PATCH", "/api/sign-in-exp", { languageInfo: { autoDetect: true, fallbackLanguage: "sv" } })).status).toBe(200);
    const swedish = await sandbox.api("DELETE", "/api/custom-phrases/sv");
    expect([swedish.status, swedish.body]).toEqual([409, cannotDelete("sv")]);

    expect((await sandbox.api("PATCH", "/api/sign-in-exp", { languageInfo: { autoDetect: true, fallbackLanguage: "en" } })).status).toBe(200);
    expect((await sandbox.api("DELETE", "/api/custom-phrases/sv")).status).toBe(204);
    const unsupported = await sandbox.api("PATCH", "/api/sign-in-exp", { languageInfo: { autoDetect: true, fallbackLanguage: "sv" } });
    expect([unsupported.status, (unsupported.body as any).code]).toEqual([400, "sign_in_experiences.unsupported_default_language"]);
  });

  describe("state files", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "logto-sandbox-custom-phrases-"));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    // Recorded before the sandbox had custom phrases.
    test.each(["pulumi-3.248.0-node-20", "pulumi-3.276.0-node-24"])("a state file without custom phrases (%s) loads with none", async (fixture) => {
      const stateFile = path.join(directory, `${fixture}.json`);
      copyFileSync(path.resolve(__dirname, `../fixtures/upgrade/${fixture}/sandbox-state.json`), stateFile);
      expect(JSON.parse(readFileSync(stateFile, "utf8")).customPhrases).toBeUndefined();
      const restarted = await spawnSandbox({ stateFile, ...fixtureCredentials });
      try {
        expect((await restarted.api("GET", "/api/custom-phrases")).body).toEqual([]);
        expect((await restarted.api("PUT", "/api/custom-phrases/fr", { input: { username: "x" } })).status).toBe(201);
        expect(JSON.parse(readFileSync(stateFile, "utf8")).customPhrases).toEqual([expect.objectContaining({ languageTag: "fr" })]);
      } finally {
        await restarted.stop();
      }
    });

    test("custom phrases survive a restart", async () => {
      const stateFile = path.join(directory, "state.json");
      const credentials = { appId: "phrases-persisted-app", appSecret: "phrases-persisted-secret" };
      const first = await spawnSandbox({ stateFile, ...credentials });
      try {
        await first.api("PUT", "/api/custom-phrases/ko", { input: { username: "사용자 이름" } });
      } finally {
        await first.stop();
      }
      const second = await spawnSandbox({ stateFile, ...credentials });
      try {
        expect((await second.api("GET", "/api/custom-phrases/ko")).body).toMatchObject({ translation: { input: { username: "사용자 이름" } } });
      } finally {
        await second.stop();
      }
    });
  });
});
