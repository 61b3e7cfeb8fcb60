// Run by bench/main.ts in a fresh node process, without ts-node preloaded, as the dynamic
// provider process starts: what loading our providers costs there, phase by phase (the shim
// registers ts-node, requires each implementation; the checks load @logto packages). Prints one
// JSON line: { phases: [{ phase, ms, cpuMs, rssMiB }], peakMiB }; cpuMs (user + system) is
// what a busy machine changes least.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..");
const phases = [];
let last = performance.now();
let lastCpu = process.cpuUsage();
const mark = (phase) => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  phases.push({ phase, ms: now - last, cpuMs: (cpu.user + cpu.system) / 1000, rssMiB: process.memoryUsage().rss / 2 ** 20 });
  last = now;
  lastCpu = process.cpuUsage();
};

async function main() {
  require("@pulumi/pulumi");
  mark("@pulumi/pulumi (the floor loads it too)");
  require(require.resolve("ts-node", { paths: [repoRoot] })).register({ transpileOnly: true });
  mark("ts-node (typescript)");
  require(path.join(repoRoot, "resources/application/provider"));
  mark("application provider (our TS, zod)");
  for (const type of ["connector", "sso-connector", "sign-in-experience"]) require(path.join(repoRoot, "resources", type, "provider"));
  mark("connector, SSO, sign-in providers");
  await require(path.join(repoRoot, "resources/logto/rules")).logtoRules();
  mark("@logto/core-kit (app checks)");
  const { findFactory } = require(path.join(repoRoot, "resources/connector/factories"));
  await findFactory("oidc");
  mark("@logto/connector-oidc (OIDC connector checks)");
  for (const id of ["apple-universal", "aws-ses-mail", "simple-mail-transfer-protocol"]) await findFactory(id);
  mark("3 more connector packages (Apple, SES, SMTP checks)");
  require("undici");
  mark("undici (at the first request; none in a no-op preview)");
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  process.stdout.write(`${JSON.stringify({ phases, peakMiB: hwm ? Number(hwm[1]) / 1024 : undefined })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${String((error && error.stack) || error)}\n`);
  process.exit(1);
});
