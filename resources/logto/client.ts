import type { LogtoConnection } from "./config";
import { AmbiguousWriteError, LogtoApiError, describeCause } from "./errors";
import { failedBeforeSending, send, type HttpResponse } from "./http";
import { ConcurrencyLimiter } from "./limiter";
import {
  defaultRetryPolicy,
  notAppliedStatuses,
  retryDelayMs,
  retryableStatuses,
  sleep,
  type RetryPolicy,
} from "./retry";
import { TokenSource } from "./token";

export interface ClientOptions {
  retry: RetryPolicy;
  timeoutMs: number;
  concurrency: number;
}

/**
 * 16 requests at once: a stack of API resources and roles is hundreds of small writes, bound by
 * Logto's latency (at 8, a 200-object one took 1.5× the engine's own floor; at 16, 1.2×).
 * Under a rate limit such as Logto Cloud's, 429s and their Retry-After pace the run either way.
 */
export const defaultClientOptions: ClientOptions = {
  retry: defaultRetryPolicy,
  timeoutMs: 30_000,
  concurrency: 16,
};

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Logto's koa-pagination refuses `page_size` above 100. */
const maxPageSize = 100;

/** The one Management API client of a process: token, retries, concurrency limit, timeouts. */
export class ManagementClient {
  readonly tokens: TokenSource;
  private readonly limiter: ConcurrencyLimiter;

  constructor(
    readonly connection: LogtoConnection,
    private readonly options: ClientOptions = defaultClientOptions,
  ) {
    this.limiter = new ConcurrencyLimiter(options.concurrency);
    this.tokens = new TokenSource(connection, (body, headers) =>
      this.withRetries("POST", "/oidc/token", true, () =>
        send({ method: "POST", url: `${connection.endpoint}/oidc/token`, headers, body, timeoutMs: options.timeoutMs }),
      ),
    );
  }

  get<T>(path: string, options?: RequestOptions) {
    return this.call<T>("GET", path, options);
  }
  post<T>(path: string, body?: unknown) {
    return this.call<T>("POST", path, { body });
  }
  patch<T>(path: string, body: unknown) {
    return this.call<T>("PATCH", path, { body });
  }
  put<T>(path: string, body: unknown) {
    return this.call<T>("PUT", path, { body });
  }
  delete(path: string) {
    return this.call<void>("DELETE", path);
  }

  /**
   * Every item of a list that Logto always pages (roles, a resource's scopes, an app's roles):
   * pages of 100, the most Logto serves, until a short page (or `maxPages` pages).
   */
  async getAllPages<T>(path: string, query: RequestOptions["query"] = {}, maxPages = Infinity): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const batch = await this.get<T[]>(path, { query: { ...query, page, page_size: maxPageSize } });
      items.push(...batch);
      if (batch.length < maxPageSize) return items;
    }
    return items;
  }

  /** Like `get`, but a 404 answers `undefined` instead of throwing. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof LogtoApiError && error.isNotFound) return undefined;
      throw error;
    }
  }

  /** DELETE that treats "already gone" as success. */
  async deleteIfExists(path: string): Promise<void> {
    try {
      await this.delete(path);
    } catch (error) {
      if (!(error instanceof LogtoApiError && error.isNotFound)) throw error;
    }
  }

  async call<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.url(path, options.query);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const res = await this.limiter.run(() =>
      this.withRetries(method, path, method !== "POST", () => this.authorizedSend(method, url, body)),
    );
    if (res.status >= 400) throw apiError(method, path, res);
    return res.body as T;
  }

  /** Sends with the current token, renewing it once if Logto refuses it (expired or revoked early). */
  private async authorizedSend(method: Method, url: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    let token = await this.tokens.get();
    let res = await send({ method, url, body, timeoutMs: this.options.timeoutMs, headers: { ...headers, authorization: `Bearer ${token}` } });
    if (res.status === 401) {
      this.tokens.invalidate(token);
      token = await this.tokens.get();
      res = await send({ method, url, body, timeoutMs: this.options.timeoutMs, headers: { ...headers, authorization: `Bearer ${token}` } });
    }
    return res;
  }

  /**
   * Repeats `attempt` on rate limits, server errors and network failures. A request that is not
   * idempotent is only repeated when it surely was not applied; otherwise the caller gets an
   * `AmbiguousWriteError` and decides (for example by looking the object up).
   */
  private async withRetries(
    method: string,
    path: string,
    idempotent: boolean,
    attempt: () => Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    const policy = this.options.retry;
    for (let attemptNumber = 1; ; attemptNumber++) {
      const lastAttempt = attemptNumber >= policy.maxAttempts;
      let res: HttpResponse;
      try {
        res = await attempt();
      } catch (error) {
        if (error instanceof LogtoApiError) throw error;
        const safeToRepeat = idempotent || failedBeforeSending(error);
        if (!safeToRepeat) throw new AmbiguousWriteError(method, path, error);
        if (lastAttempt) throw new Error(`Logto ${method} ${path}: no answer after ${attemptNumber} attempts (${describeCause(error)})`);
        await sleep(retryDelayMs(policy, attemptNumber));
        continue;
      }
      if (!retryableStatuses.has(res.status) || lastAttempt) return res;
      if (!idempotent && !notAppliedStatuses.has(res.status)) {
        throw new AmbiguousWriteError(method, path, apiError(method, path, res));
      }
      await sleep(retryDelayMs(policy, attemptNumber, headerValue(res.headers["retry-after"])));
    }
  }

  private url(path: string, query?: RequestOptions["query"]): string {
    const url = new URL(`${this.connection.endpoint}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }
}

function apiError(method: string, path: string, res: HttpResponse): LogtoApiError {
  const body = typeof res.body === "object" && res.body !== null ? (res.body as Record<string, unknown>) : {};
  const message = typeof body.message === "string" ? body.message : typeof res.body === "string" ? res.body : "";
  const details = typeof body.details === "string" ? body.details : undefined;
  return new LogtoApiError(method, path, res.status, typeof body.code === "string" ? body.code : undefined, message, details);
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
