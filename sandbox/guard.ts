// The request/response side of Logto's koaGuard (packages/core/src/middleware/koa-guard.ts).
import type { ZodTypeAny, infer as ZodInfer } from 'zod';

import { RequestError } from './errors';
import { parseBody, queryObject, type SandboxRequest } from './http';

type GuardTarget = 'query' | 'body' | 'params';

export const parseOrThrow = <Guard extends ZodTypeAny>(
  type: GuardTarget,
  guard: Guard,
  data: unknown
): ZodInfer<Guard> => {
  const result = guard.safeParse(data);
  if (!result.success) {
    throw new RequestError({ code: 'guard.invalid_input', type }, result.error);
  }
  return result.data;
};

/** koa-guard parses `ctx.request.body ?? {}`. */
export const guardBody = <Guard extends ZodTypeAny>(request: SandboxRequest, guard: Guard) =>
  parseOrThrow('body', guard, parseBody(request) ?? {});

export const guardQuery = <Guard extends ZodTypeAny>(request: SandboxRequest, guard: Guard) =>
  parseOrThrow('query', guard, queryObject(request.url));

/** koa-guard parses the path params after the query and the body. */
export const guardParams = <Guard extends ZodTypeAny>(request: SandboxRequest, guard: Guard) =>
  parseOrThrow('params', guard, request.params);

/** Thrown when a response does not satisfy its guard: Logto answers 500. */
export class ResponseBodyError extends Error {}

/** koa-guard replaces the body with the parsed one: unknown keys are stripped, keys reordered. */
export const guardResponse = <Guard extends ZodTypeAny>(guard: Guard, body: unknown): ZodInfer<Guard> => {
  const result = guard.safeParse(body);
  if (!result.success) {
    throw new ResponseBodyError(JSON.stringify(result.error.issues));
  }
  return result.data;
};
