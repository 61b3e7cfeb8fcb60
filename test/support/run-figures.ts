// Watching a run through the sandbox log, and printing what fault tests measured.
import type { RequestFigures } from "./full-stack";
import type { LogEntry, Sandbox } from "./sandbox";

const pollMs = 25;

/**
 * Resolves with the log entries `pick` chooses once there are at least `count` of them (only
 * answered requests are logged); with `signal`, gives up (rejects) when it is aborted.
 */
export async function untilLogged(
  sandbox: Sandbox,
  count: number,
  pick: (entry: LogEntry) => boolean,
  signal?: AbortSignal,
): Promise<LogEntry[]> {
  for (;;) {
    if (signal?.aborted) throw new Error(`gave up waiting for ${count} such requests in the sandbox log`);
    const picked = (await sandbox.requests()).filter(pick);
    if (picked.length >= count) return picked;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Resolves once Logto has answered `count` write requests (POST/PATCH/PUT/DELETE under /api). */
export const untilWrites = (sandbox: Sandbox, count: number, signal?: AbortSignal) =>
  untilLogged(sandbox, count, (entry) => entry.class === "write" && entry.status > 0, signal);

export interface FigureRow {
  scenario: string;
  firstUp: string;
  /** Milliseconds of the first `up`. */
  duration: number;
  figures: RequestFigures;
  /** Milliseconds of the second `up`, when the first failed. */
  secondUp?: number;
  note?: string;
}

/** A Markdown table, ready for the README or notes. */
export function formatTable(rows: FigureRow[]): string {
  const header = ["scenario", "1st up", "1st up s", "requests", "token", "read", "write", "failed answers", "retries", "peak /10 s", "2nd up s", "why the 1st up failed"];
  const lines = rows.map((row) => [
    row.scenario,
    row.firstUp,
    (row.duration / 1000).toFixed(1),
    row.figures.requests,
    row.figures.token,
    row.figures.read,
    row.figures.write,
    row.figures.failed,
    row.figures.retries,
    row.figures.peakPer10s,
    row.secondUp === undefined ? "" : (row.secondUp / 1000).toFixed(1),
    row.note ?? "",
  ]);
  return [header, header.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function printTable(rows: FigureRow[]): void {
  // eslint-disable-next-line no-console
  console.log(`Fault scenarios (figures of the first up, from the sandbox log):\n\n${formatTable(rows)}\n`);
}

/** The first resource error a failed `pulumi up` printed, shortened for a table cell. */
export function firstError(message: string): string {
  const line = message
    .split("\n")
    .map((text) => text.trim())
    .find((text) => /^error: /.test(text) && !/update failed|preview failed/.test(text));
  const reason = (line ?? message.split("\n")[0]).replace(/^error: /, "").replace(/\|/g, "/");
  return reason.length > 140 ? `${reason.slice(0, 137)}...` : reason;
}
