// Samples the processes of one pulumi run from /proc: the dynamic provider (peak resident memory,
// CPU time) and the program (CPU time). Linux only; elsewhere the figures stay empty.
import * as fs from "node:fs";

export interface ProcessFigures {
  /** Highest VmHWM (peak resident set) of a dynamic-provider process, KiB. */
  providerPeakKiB?: number;
  /** CPU time (user + system) of the dynamic-provider processes, ms. */
  providerCpuMs?: number;
  /** CPU time of the program process (`@pulumi/pulumi/cmd/run`), ms. */
  programCpuMs?: number;
}

type Role = "provider" | "program";
interface Seen {
  role: Role;
  hwmKiB: number;
  cpuMs: number;
}

const clockTicks = 100; // USER_HZ on Linux
const readText = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * Watches processes whose environment holds `marker` (the stack's PULUMI_BACKEND_URL, which the
 * CLI passes on to the language host, the program and the plugins), every `intervalMs`.
 */
export function watchProcesses(marker: string, intervalMs = 50): { stop(): ProcessFigures } {
  const seen = new Map<number, Seen>();
  const ignored = new Set<number>();
  const sample = () => {
    let pids: string[];
    try {
      pids = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
    } catch {
      return;
    }
    for (const entry of pids) {
      const pid = Number(entry);
      if (ignored.has(pid)) continue;
      let known = seen.get(pid);
      if (!known) {
        // Not cached when it does not match: the provider's pid first runs the plugin's shell
        // script, which then execs node.
        const cmdline = readText(`/proc/${pid}/cmdline`);
        if (cmdline === undefined) continue;
        const args = cmdline.split("\0");
        const role: Role | undefined = args.includes("-e")
          ? undefined // the plugin script's `node -e require.resolve(...)`
          : args.some((arg) => /cmd[/\\]dynamic-provider/.test(arg))
            ? "provider"
            : args.some((arg) => /@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(arg))
              ? "program"
              : undefined;
        if (!role) continue;
        if (!(readText(`/proc/${pid}/environ`) ?? "").includes(marker)) {
          ignored.add(pid);
          continue;
        }
        known = { role, hwmKiB: 0, cpuMs: 0 };
        seen.set(pid, known);
      }
      const status = readText(`/proc/${pid}/status`);
      const stat = readText(`/proc/${pid}/stat`);
      if (status === undefined || stat === undefined) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) known.hwmKiB = Math.max(known.hwmKiB, Number(hwm[1]));
      // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      known.cpuMs = Math.max(known.cpuMs, ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks);
    }
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      const of = (role: Role) => [...seen.values()].filter((entry) => entry.role === role);
      const providers = of("provider");
      const programs = of("program");
      return {
        providerPeakKiB: providers.length ? Math.max(...providers.map((entry) => entry.hwmKiB)) : undefined,
        providerCpuMs: providers.length ? providers.reduce((sum, entry) => sum + entry.cpuMs, 0) : undefined,
        programCpuMs: programs.length ? programs.reduce((sum, entry) => sum + entry.cpuMs, 0) : undefined,
      };
    },
  };
}

/** CPU time (user + system) a process has used so far, ms; undefined once it is gone. */
export function cpuMsOf(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** The child of this process whose command line contains `needle` (e.g. the sandbox). */
export function childPid(needle: string): number | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const stat = readText(`/proc/${entry}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === process.pid && (readText(`/proc/${entry}/cmdline`) ?? "").includes(needle)) return Number(entry);
  }
  return undefined;
}
