// Test-only fault injection: per-request rules, a Cloud-like token-bucket rate limit and added
// latency. Applies to every request outside /__sandbox/.
import type { SandboxResponse } from './http';

export type FaultRule = {
  match?: { method?: string; path?: string };
  status?: 429 | 500 | 502 | 503;
  retryAfter?: number;
  delayMs?: number;
  drop?: boolean;
  /** Handle the request, then close the connection without answering: the write happened. */
  loseAnswer?: boolean;
  times?: number;
};

export type RateLimit = { requests: number; windowMs: number };

export type FaultConfig = { rules?: FaultRule[]; rateLimit?: RateLimit; latencyMs?: number };

export type FaultOutcome =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'lose-answer' }
  | { kind: 'respond'; response: SandboxResponse };

type ActiveRule = FaultRule & { remaining: number; pathPattern?: RegExp };

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logto answers its own rate limits with `request.rate_limited`. */
const retryAfterHeader = (seconds: number | undefined): Record<string, string> =>
  seconds === undefined ? {} : { 'Retry-After': String(seconds) };

const tooManyRequests = (retryAfterSeconds: number | undefined): SandboxResponse => ({
  status: 429,
  body: { code: 'request.rate_limited', message: 'Too many requests. Please try again later.' },
  headers: retryAfterHeader(retryAfterSeconds),
});

/** Injected 5xx answers look like Logto's own uncaught-error body (koa-error-handler.ts). */
const injected = (status: number, retryAfter: number | undefined): SandboxResponse =>
  status === 429
    ? tooManyRequests(retryAfter)
    : { status, body: { message: 'Internal server error.' }, headers: retryAfterHeader(retryAfter) };

class TokenBucket {
  private tokens: number;
  private updatedAt = Date.now();

  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.requests;
  }

  /** Takes one token, or returns the seconds until one is available. */
  take(): number | undefined {
    const now = Date.now();
    const perMs = this.limit.requests / this.limit.windowMs;
    this.tokens = Math.min(this.limit.requests, this.tokens + (now - this.updatedAt) * perMs);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000));
  }
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private bucket?: TokenBucket;
  private latencyMs = 0;

  configure({ rules = [], rateLimit, latencyMs }: FaultConfig) {
    this.rules.push(
      ...rules.map((rule) => ({
        ...rule,
        remaining: rule.times ?? 1,
        pathPattern: rule.match?.path === undefined ? undefined : new RegExp(rule.match.path),
      }))
    );
    if (rateLimit) {
      this.bucket = new TokenBucket(rateLimit);
    }
    if (latencyMs !== undefined) {
      this.latencyMs = latencyMs;
    }
  }

  clear() {
    this.rules = [];
    this.bucket = undefined;
    this.latencyMs = 0;
  }

  describe() {
    return {
      rules: this.rules.map(({ pathPattern: _pattern, ...rule }) => rule),
      rateLimited: Boolean(this.bucket),
      latencyMs: this.latencyMs,
    };
  }

  async intercept(method: string, path: string): Promise<FaultOutcome> {
    if (this.latencyMs > 0) {
      await sleep(this.latencyMs);
    }
    const rule = this.rules.find(
      ({ match, pathPattern }) =>
        (!match?.method || match.method.toUpperCase() === method) &&
        (!pathPattern || pathPattern.test(path))
    );
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) {
        this.rules = this.rules.filter((active) => active !== rule);
      }
      if (rule.delayMs) {
        await sleep(rule.delayMs);
      }
      if (rule.drop) {
        return { kind: 'drop' };
      }
      if (rule.loseAnswer) {
        return { kind: 'lose-answer' };
      }
      if (rule.status) {
        return { kind: 'respond', response: injected(rule.status, rule.retryAfter) };
      }
    }
    const retryAfter = this.bucket?.take();
    return retryAfter === undefined
      ? { kind: 'pass' }
      : { kind: 'respond', response: tooManyRequests(retryAfter) };
  }
}
