// Samples the processes of one pulumi run from /proc: the dynamic provider (peak resident memory,
// CPU time), the program, the language host and the CLI (the engine) (CPU time). Linux only;
// elsewhere the figures stay empty.
import * as fs from "node:fs";

export interface ProcessFigures {
  /** Highest VmHWM (peak resident set) of a dynamic-provider process, KiB. */
  providerPeakKiB?: number;
  /** CPU time (user + system) of the dynamic-provider processes, ms. */
  providerCpuMs?: number;
  /** CPU time of the program process (`@pulumi/pulumi/cmd/run`), ms. */
  programCpuMs?: number;
  /** CPU time of the Node.js language host (`pulumi-language-nodejs`), ms. */
  languageHostCpuMs?: number;
  /** CPU time of the `pulumi` CLI, which runs the engine (steps, checkpoint writes), ms. */
  engineCpuMs?: number;
}

type Role = "provider" | "program" | "languageHost" | "engine";

const binaryRoles: Record<string, Role> = { pulumi: "engine", "pulumi-language-nodejs": "languageHost" };
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

/** Pids of the running processes; empty where there is no /proc. */
function pids(): number[] {
  try {
    return fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).map(Number);
  } catch {
    return [];
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** CPU time (user + system) a process has used so far, ms; undefined once it is gone. */
export function cpuMsOf(pid: number): number | undefined {
  const fields = statFields(pid);
  // utime and stime, the 14th and 15th fields of the whole line.
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * Watches processes whose environment holds `marker` (the stack's PULUMI_BACKEND_URL, which the
 * CLI passes on to the language host, the program and the plugins), every `intervalMs`.
 */
export function watchProcesses(marker: string, intervalMs = 50): { stop(): ProcessFigures } {
  const seen = new Map<number, Seen>();
  const ignored = new Set<number>();
  const sample = () => {
    for (const pid of pids()) {
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
              : binaryRoles[args[0]!.split(/[/\\]/).at(-1)!];
        if (!role) continue;
        if (!(readText(`/proc/${pid}/environ`) ?? "").includes(marker)) {
          ignored.add(pid);
          continue;
        }
        known = { role, hwmKiB: 0, cpuMs: 0 };
        seen.set(pid, known);
      }
      const status = readText(`/proc/${pid}/status`);
      const cpuMs = cpuMsOf(pid);
      if (status === undefined || cpuMs === undefined) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) known.hwmKiB = Math.max(known.hwmKiB, Number(hwm[1]));
      known.cpuMs = Math.max(known.cpuMs, cpuMs);
    }
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      const of = (role: Role) => [...seen.values()].filter((entry) => entry.role === role);
      const providers = of("provider");
      const cpuOf = (role: Role) => {
        const entries = of(role);
        return entries.length ? entries.reduce((sum, entry) => sum + entry.cpuMs, 0) : undefined;
      };
      return {
        providerPeakKiB: providers.length ? Math.max(...providers.map((entry) => entry.hwmKiB)) : undefined,
        providerCpuMs: cpuOf("provider"),
        programCpuMs: cpuOf("program"),
        languageHostCpuMs: cpuOf("languageHost"),
        engineCpuMs: cpuOf("engine"),
      };
    },
  };
}

/** The child of this process whose command line contains `needle` (e.g. the sandbox). */
export function childPid(needle: string): number | undefined {
  return pids().find((pid) => Number(statFields(pid)?.[1]) === process.pid && (readText(`/proc/${pid}/cmdline`) ?? "").includes(needle));
}
