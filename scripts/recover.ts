// `npm run recover`: brings a stack whose last `pulumi` run died back to a state `up` can use,
// doing what a careful operator would and saying each step. It repairs only what is provably
// damaged in a local-file backend (an empty or unreadable `.attrs` sidecar, a torn stack file
// with a good `.bak`), removes a dead run's lock (never one a live pulumi process holds), clears
// pending creates (state only: Logto keeps what it has), then runs `pulumi up`, whose creates
// take over what the dead run made. It never deletes anything in Logto. On a healthy stack it
// changes nothing and says so.
//   npm run recover [-- --stack <name>] [--no-up]      (CI=true implies --no-up)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { stack: { type: "string" }, "no-up": { type: "boolean", default: false }, cwd: { type: "string" } } });
const cwd = path.resolve(values.cwd ?? process.cwd());
const say = (line: string) => process.stdout.write(`${line}\n`);
const pulumi = (args: string[]) => spawnSync("pulumi", [...args, "--non-interactive"], { cwd, encoding: "utf8", env: process.env });

const project = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(cwd, "Pulumi.yaml"), "utf8"))?.[1];
const stack = values.stack ?? process.env.PULUMI_STACK ?? pulumi(["stack", "--show-name"]).stdout.trim();
if (!project || !stack) {
  say("recover: no stack selected: pass --stack <name> (or set PULUMI_STACK)");
  process.exit(2);
}
const backend = process.env.PULUMI_BACKEND_URL ?? "";
const done: string[] = [];

/** The part of a local-file backend that can be damaged by a kill mid-write, and the locks. */
function repairFileBackend(root: string): void {
  const stacks = path.join(root, ".pulumi", "stacks", project!);
  const stackFile = path.join(stacks, `${stack}.json`);
  const aside = (file: string) => {
    const moved = `${file}.damaged-${Date.now()}`;
    fs.renameSync(file, moved);
    return moved;
  };
  const readable = (file: string) => {
    try {
      return fs.statSync(file).size > 0 && JSON.parse(fs.readFileSync(file, "utf8")) !== null;
    } catch {
      return false;
    }
  };
  for (const file of [stackFile, `${stackFile}.bak`]) {
    const attrs = `${file}.attrs`;
    if (fs.existsSync(attrs) && !readable(attrs)) done.push(`moved the unreadable sidecar ${path.basename(attrs)} aside (${path.basename(aside(attrs))}): Pulumi read it as "failed to load checkpoint: EOF"`);
  }
  if (fs.existsSync(stackFile) && !readable(stackFile)) {
    if (!readable(`${stackFile}.bak`)) {
      say(`recover: ${stackFile} is torn and its .bak is not readable either: restore it from your backups (${path.join(root, ".pulumi", "backups")}); nothing changed`);
      process.exit(1);
    }
    const moved = aside(stackFile);
    if (fs.existsSync(`${stackFile}.attrs`)) aside(`${stackFile}.attrs`);
    fs.copyFileSync(`${stackFile}.bak`, stackFile);
    if (readable(`${stackFile}.bak.attrs`)) fs.copyFileSync(`${stackFile}.bak.attrs`, `${stackFile}.attrs`);
    done.push(`restored ${path.basename(stackFile)} from its .bak (the torn file is ${path.basename(moved)}); the next up reconciles the step the .bak lacks`);
  }
  const locks = path.join(root, ".pulumi", "locks", "organization", project!, stack);
  for (const lock of fs.existsSync(locks) ? fs.readdirSync(locks).filter((name) => name.endsWith(".json")) : []) {
    const file = path.join(locks, lock);
    const holder = JSON.parse(fs.readFileSync(file, "utf8") || "{}") as { pid?: number; hostname?: string; timestamp?: string };
    if (holder.hostname && holder.hostname !== os.hostname()) {
      say(`recover: the stack is locked by a run on ${holder.hostname} (pid ${holder.pid}, ${holder.timestamp}): it cannot be checked from here. When you are sure it is gone: pulumi cancel --yes --stack ${stack}, then npm run recover again. Nothing changed.`);
      process.exit(1);
    }
    if (holder.pid !== undefined && pulumiAlive(holder.pid)) {
      say(`recover: a pulumi process (pid ${holder.pid}, since ${holder.timestamp}) is running on this stack: let it finish or stop it, then run npm run recover again. Nothing changed.`);
      process.exit(1);
    }
    fs.rmSync(file);
    fs.rmSync(`${file}.attrs`, { force: true });
    done.push(`removed the lock of the dead run (pid ${holder.pid}, ${holder.timestamp}): no pulumi process holds it`);
  }
}

/** A live process with that id whose command line names pulumi (an id reused by another program does not count). */
function pulumiAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("pulumi");
  } catch {
    return true;
  }
}

if (backend.startsWith("file://")) repairFileBackend(backend.slice("file://".length));
else say(`recover: the ${backend ? backend.split(":")[0] : "Pulumi Cloud"} backend keeps its own files; checking the stack's pending operations only`);

const exported = pulumi(["stack", "export", "--stack", stack]);
if (exported.status !== 0) {
  say(`recover: pulumi cannot read the stack yet:\n${exported.stderr.trim()}\nNothing more was changed.`);
  process.exit(1);
}
const pending = ((JSON.parse(exported.stdout) as { deployment?: { pending_operations?: Array<{ type: string; resource: { urn: string } }> } }).deployment?.pending_operations ?? []);
if (pending.length) {
  const refresh = pulumi(["refresh", "--clear-pending-creates", "--yes", "--skip-preview", "--stack", stack]);
  if (refresh.status !== 0) {
    const locked = /currently locked/.test(refresh.stderr) && !backend.startsWith("file://");
    say(
      locked
        ? `recover: the stack is locked, and this backend's locks cannot be checked from here: when you are sure no pulumi run is alive, run pulumi cancel --yes --stack ${stack}, then npm run recover again.`
        : `recover: pulumi refresh --clear-pending-creates failed:\n${refresh.stdout}${refresh.stderr}`,
    );
    process.exit(1);
  }
  done.push(`cleared ${pending.length} pending operation(s) of the dead run from state (${pending.map((op) => `${op.type} ${op.resource.urn.split("::").at(-1)}`).join(", ")}); Logto keeps what it made`);
}

if (!done.length) {
  say(`recover: stack ${stack} is healthy: nothing to repair, nothing changed. A run that died before writing anything is finished by pulumi up.`);
  process.exit(0);
}
for (const line of done) say(`recover: ${line}`);
if (values["no-up"] || process.env.CI === "true") {
  say(`recover: now run pulumi up --stack ${stack}: its creates take over what the dead run made, so nothing is made twice.`);
  process.exit(0);
}
say("recover: running pulumi up: its creates take over what the dead run made, so nothing is made twice");
const up = spawnSync("pulumi", ["up", "--yes", "--skip-preview", "--stack", stack, "--non-interactive"], { cwd, stdio: "inherit", env: process.env });
process.exit(up.status ?? 1);
