import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { satisfies } from "semver";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";

const supportedRange = require("../../package.json").engines.node as string;
const pinnedNode = /^PINNED=(\S+)/m.exec(fs.readFileSync(path.join(repoRoot, "scripts/install-node.sh"), "utf8"))![1];

/** The `node` that a shell gets after `. scripts/env.sh`, when the machine's `node` reports `version`. */
async function nodeAfterEnvSh(version: string): Promise<{ path: string; version: string; machineNode: string }> {
  const machine = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-machine-node-"));
  const machineNode = path.join(machine, "node");
  fs.writeFileSync(machineNode, `#!/bin/sh\n[ "$1" = --version ] && echo v${version} && exit 0\nexit 1\n`, { mode: 0o755 });
  try {
    const { stdout } = await promisify(execFile)("bash", ["-c", '. scripts/env.sh && command -v node && node --version'], {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${machine}:${process.env.PATH}` },
    });
    const [nodePath, nodeVersion] = stdout.trim().split("\n");
    return { path: nodePath, version: nodeVersion, machineNode };
  } finally {
    fs.rmSync(machine, { recursive: true, force: true });
  }
}

describe("the Node.js the project runs on", () => {
  test("package.json asks for Node 22.19 or newer, and the pinned Node is 24 LTS", () => {
    expect(supportedRange).toBe(">=22.19.0");
    expect(pinnedNode).toMatch(/^24\./);
    expect(satisfies(pinnedNode, supportedRange)).toBe(true);
  });

  test("the tests themselves run on a supported Node", () => {
    expect(satisfies(process.versions.node, supportedRange)).toBe(true);
  });

  test.each(["20.20.2", "22.14.0", "22.18.9"])("a machine whose node is %s gets the pinned Node 24 first on PATH", async (machine) => {
    const node = await nodeAfterEnvSh(machine);

    expect(node.version).toBe(`v${pinnedNode}`);
    expect(node.path).toContain(path.join("logto-pulumi", "node", `v${pinnedNode}`, "bin", "node"));
  });

  test.each(["22.19.0", "24.0.0", "26.10.0"])("a machine whose node is %s keeps its own", async (machine) => {
    const node = await nodeAfterEnvSh(machine);

    expect(node.path).toBe(node.machineNode);
    expect(node.version).toBe(`v${machine}`);
  });
});

describe("the Node.js that pulumi starts", () => {
  let engine: EngineStack;

  beforeAll(async () => {
    engine = await createEngineStack({
      workDir: path.join(repoRoot, "test/fixtures/runtime"),
      logto: { endpoint: "http://127.0.0.1:9", appId: "unused", appSecret: "unused" },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  test("the program and the dynamic providers run on the same Node as the tests", async () => {
    const { outputs } = await engine.up();

    const here = { version: process.version, execPath: process.execPath };
    expect(outputs.program.value).toEqual(here);
    expect(outputs.dynamicProvider.value).toEqual(here);
  });
});
