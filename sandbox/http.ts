// node:http plumbing: request context, body parsing, route matching, response writing.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export type SandboxRequest = {
  method: string;
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  params: Record<string, string>;
};

export type SandboxResponse = {
  status: number;
  /** JSON body; omitted for empty responses. */
  body?: unknown;
  /** Plain-text body, used instead of `body`. */
  text?: string;
  headers?: Record<string, string | string[]>;
};

export type Handler = (request: SandboxRequest) => Promise<SandboxResponse>;
export type Route = { method: string; path: string; handler: Handler };

export const json = (status: number, body: unknown, headers?: SandboxResponse['headers']) => ({
  status,
  body,
  headers,
});
export const noContent = (): SandboxResponse => ({ status: 204 });
export const notFoundText = (): SandboxResponse => ({ status: 404, text: 'Not Found' });

export const readRawBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Raised for an unparsable JSON body; Logto answers 400 `{ message }`. */
export class BodyParseError extends Error {}

const contentType = (request: SandboxRequest) =>
  String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

export const isFormEncoded = (request: SandboxRequest) =>
  contentType(request) === 'application/x-www-form-urlencoded';

/** Like koa-body's defaults: JSON, url-encoded form and text bodies; anything else is absent. */
export const parseBody = (request: SandboxRequest): unknown => {
  const type = contentType(request);
  const text = request.rawBody.toString('utf8');

  if (type === 'application/json' || type.endsWith('+json')) {
    if (!text.trim()) {
      return undefined;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error: unknown) {
      throw new BodyParseError(error instanceof Error ? error.message : 'Invalid JSON');
    }
  }
  if (isFormEncoded(request)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type.startsWith('text/')) {
    return text;
  }
  return undefined;
};

/** The query as koa's `ctx.query`: repeated keys become arrays. */
export const queryObject = (url: URL): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
};

const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith(':')) {
      if (!actual) {
        return undefined;
      }
      params[part.slice(1)] = decodeURIComponent(actual);
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
};

/** Routes match on method and path, like koa-router: anything else falls through to a 404. */
export const findRoute = (routes: Route[], method: string, path: string) => {
  for (const route of routes) {
    const params = route.method === method ? matchPath(route.path, path) : undefined;
    if (params) {
      return { route, params };
    }
  }
  return undefined;
};

/** Strong ETag like the `etag` package that Logto's koa-body-etag relies on. */
const etagOf = (payload: string) =>
  `"${Buffer.byteLength(payload).toString(16)}-${createHash('sha1')
    .update(payload)
    .digest('base64')
    .slice(0, 27)}"`;

export const writeResponse = (
  request: { method: string; headers: IncomingHttpHeaders },
  res: ServerResponse,
  response: SandboxResponse
) => {
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    res.setHeader(name, value);
  }

  if (response.text !== undefined) {
    res.statusCode = response.status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(response.text);
    return;
  }
  if (response.body === undefined) {
    res.statusCode = response.status;
    res.end();
    return;
  }

  const payload = JSON.stringify(response.body);
  if (request.method === 'GET' && response.status === 200) {
    const etag = etagOf(payload);
    res.setHeader('ETag', etag);
    if (request.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  res.statusCode = response.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(payload);
};
