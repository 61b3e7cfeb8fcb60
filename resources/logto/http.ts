import type * as Undici from "undici";

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the answer is JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** Loaded at the first request: a no-op preview sends none, and undici takes 0.1 s to load. */
let client: { undici: typeof Undici; agent: Undici.Agent } | undefined;

function httpClient() {
  if (!client) {
    const undici: typeof Undici = require("undici");
    client = { undici, agent: new undici.Agent({ keepAliveTimeout: 10_000, connections: 32 }) };
  }
  return client;
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
  const { undici, agent } = httpClient();
  const res = await undici.request(req.url, {
    method: req.method as "GET",
    headers: req.headers,
    body: req.body,
    dispatcher: agent,
    headersTimeout: req.timeoutMs,
    bodyTimeout: req.timeoutMs,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: parseBody(text, res.headers["content-type"]) };
}

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (!text) return undefined;
  if (String(contentType ?? "").includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

const neverSentCodes = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "ENOTFOUND", "EAI_AGAIN"]);

/** True when a network error happened before the request could reach the server. */
export function failedBeforeSending(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code;
  const causeCode = (error as { cause?: { code?: string } }).cause?.code;
  return neverSentCodes.has(code ?? "") || neverSentCodes.has(causeCode ?? "");
}

export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("UND_ERR") || code.startsWith("E");
}
