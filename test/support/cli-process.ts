// The pulumi CLI of an engine stack as a child process that a test can kill like a crash would:
// the CLI, its language host, the program and the provider plugins all at once.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { EngineStack } from "./engine";

export interface PulumiProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  /**
   * SIGKILLs the CLI and every process it started, whatever process group they put themselves
   * in; resolves with the ids of the processes it killed.
   */
  killTree(): Promise<number[]>;
}

/** Runs `pulumi <args> --stack <name> --non-interactive` with the stack's environment. */
export function spawnPulumi(engine: EngineStack, args: string[]): PulumiProcess {
  const workspace = engine.stack.workspace;
  const child = spawn(workspace.pulumiCommand.command, [...args, "--stack", engine.name, "--non-interactive"], {
    cwd: engine.workDir,
    env: { ...process.env, ...workspace.envVars },
    // Its own process group, so killing it never reaches the test runner.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => chunks.join(""),
    killTree: async () => {
      if (child.pid === undefined) return [];
      // Plugins run in process groups of their own (pulumi's RegisterProcessGroup), so the
      // descendants are listed first and each of their groups is killed, then each of them.
      const tree = descendants(child.pid);
      const pids = new Set(tree.map((proc) => proc.pid));
      const groups = new Set(tree.map((proc) => proc.pgid).filter((group) => pids.has(group)));
      for (const group of groups) signal(-group);
      for (const proc of tree) signal(proc.pid);
      await exited;
      return tree.map((proc) => proc.pid);
    },
  };
}

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
}

function descendants(root: number): Proc[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,pgid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .map(([pid, ppid, pgid]) => ({ pid, ppid, pgid }));
  const found: Proc[] = table.filter((proc) => proc.pid === root);
  for (let index = 0; index < found.length; index++) {
    found.push(...table.filter((proc) => proc.ppid === found[index].pid));
  }
  return found;
}

function signal(target: number): void {
  try {
    process.kill(target, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The given processes that still run (a zombie, dead but not yet reaped, does not count). */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return false;
    }
  });
}
