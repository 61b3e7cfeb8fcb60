// What the sandbox was asked, for tests: no bodies, no headers, so no secrets.
export type RequestClass = 'token' | 'read' | 'write' | 'admin';

export type LogEntry = {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** 0 when the connection was dropped by a fault rule. */
  status: number;
  /** ISO time the request arrived. */
  time: string;
  durationMs: number;
  class: RequestClass;
};

const maxEntries = 10_000;

export const classify = (method: string, path: string): RequestClass => {
  if (path.startsWith('/__sandbox/')) {
    return 'admin';
  }
  if (path === '/oidc/token') {
    return 'token';
  }
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
};

export class RequestLog {
  private entries: LogEntry[] = [];

  add(entry: LogEntry) {
    this.entries.push(entry);
    if (this.entries.length > maxEntries) {
      this.entries.splice(0, this.entries.length - maxEntries);
    }
  }

  list() {
    return [...this.entries];
  }

  clear() {
    this.entries = [];
  }
}
