import type { LogtoConnection } from "./config";
import { LogtoApiError } from "./errors";
import type { HttpResponse } from "./http";

/**
 * Renew this long before Logto says the token expires, as `@logto/api` does; at most half the
 * token's lifetime, so a token living a minute or less is still reused.
 */
const renewalLeewayMs = 60_000;

interface CachedToken {
  value: string;
  renewAt: number;
}

type SendTokenRequest = (body: string, headers: Record<string, string>) => Promise<HttpResponse>;

/**
 * Client-credentials tokens for the Management API: one token shared by every request of the
 * process, fetched once by however many callers ask at the same moment.
 */
export class TokenSource {
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;
  fetches = 0;

  constructor(
    private readonly connection: LogtoConnection,
    private readonly sendTokenRequest: SendTokenRequest,
  ) {}

  async get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.value;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Drops `token` after the API refused it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetch(): Promise<CachedToken> {
    this.fetches++;
    const { appId, appSecret, resource } = this.connection;
    const body = new URLSearchParams({ grant_type: "client_credentials", resource, scope: "all" }).toString();
    const basic = Buffer.from(`${encodeURIComponent(appId)}:${encodeURIComponent(appSecret)}`).toString("base64");
    const res = await this.sendTokenRequest(body, {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    });
    const answer = (res.body ?? {}) as Record<string, unknown>;
    if (res.status !== 200 || typeof answer.access_token !== "string") {
      throw new LogtoApiError("POST", "/oidc/token", res.status, asString(answer.code), tokenFailureHint(answer));
    }
    if (answer.scope !== "all") {
      throw new LogtoApiError(
        "POST",
        "/oidc/token",
        res.status,
        "auth.forbidden",
        `the token was issued without scope "all": give the M2M app ${appId} the "Logto Management API access" role`,
      );
    }
    const lifetimeMs = (typeof answer.expires_in === "number" ? answer.expires_in : 3600) * 1000;
    return { value: answer.access_token, renewAt: Date.now() + lifetimeMs - Math.min(renewalLeewayMs, lifetimeMs / 2) };
  }
}

function tokenFailureHint(answer: Record<string, unknown>): string {
  const description = asString(answer.error_description) ?? asString(answer.message) ?? "no token issued";
  switch (answer.error) {
    case "invalid_client":
      return `${description}: check logto:m2mAppId and logto:m2mAppSecret`;
    case "invalid_target":
      return `${description}: check logto:resource (https://default.logto.app/api for self-hosted Logto, https://<tenant>.logto.app/api for Logto Cloud)`;
    default:
      return description;
  }
}

const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
