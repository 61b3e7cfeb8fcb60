// Watching a run through the sandbox log, and printing what fault tests measured.
import type { RequestFigures } from "./full-stack";
import type { LogEntry, Sandbox } from "./sandbox";

const pollMs = 25;

/**
 * Resolves once the sandbox log holds `count` write requests (POST/PATCH/PUT/DELETE under /api)
 * that Logto answered; with `signal`, gives up (rejects) when it is aborted.
 */
export async function untilWrites(sandbox: Sandbox, count: number, signal?: AbortSignal): Promise<LogEntry[]> {
  for (;;) {
    if (signal?.aborted) throw new Error(`gave up waiting for write ${count}`);
    const writes = (await sandbox.requests()).filter((entry) => entry.class === "write" && entry.status > 0);
    if (writes.length >= count) return writes;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

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
  const header = ["scenario", "1st up", "1st up s", "requests", "token", "read", "write", "failed answers", "retries", "2nd up s"];
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
    row.secondUp === undefined ? "" : (row.secondUp / 1000).toFixed(1),
  ]);
  return [header, header.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function printTable(rows: FigureRow[]): void {
  // eslint-disable-next-line no-console
  console.log(`Fault scenarios (figures of the first up, from the sandbox log):\n\n${formatTable(rows)}\n`);
}
