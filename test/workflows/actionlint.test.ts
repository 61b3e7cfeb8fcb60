// scripts/actionlint.sh on the project's workflows: no findings. On the fixture of deliberate
// mistakes it must report each one, which shows that it reads our workflows, the inputs of the
// actions they use (pulumi/actions, our ./.github/actions/prepare) and their expressions.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./support/checkout";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

const actionlint = (args: string[] = []) =>
  new Promise<Run>((resolve) => {
    const start = process.hrtime.bigint();
    execFile("bash", ["scripts/actionlint.sh", ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
    });
  });

describe("scripts/actionlint.sh", () => {
  beforeAll(async () => {
    // The first run on a machine builds actionlint from its Go module (about a minute).
    const version = await actionlint(["-version"]);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^v1\.7\.12\n/) });
  }, 600_000);

  test("finds nothing in .github/workflows", async () => {
    const run = await actionlint();

    expect(run.stdout).toBe("");
    expect(run.code).toBe(0);
  });

  test("reports each deliberate mistake of test/fixtures/workflows/mistakes.yml", async () => {
    const run = await actionlint(["test/fixtures/workflows/mistakes.yml"]);

    expect(run.code).toBe(1);
    // actionlint reads local actions (./.github/actions/…) only in a Git work tree.
    const localActions = fs.existsSync(path.join(repoRoot, ".git"))
      ? ['missing input "aws-region" which is required by action "Prepare a Pulumi run"', 'input "aws-role" is not defined in action "Prepare a Pulumi run"']
      : [];
    for (const finding of [
      ...localActions,
      'property "stak" is not defined',
      'input "coment-on-pr" is not defined in action "pulumi/actions@v6"',
      '"github.event.pull_request.title" is potentially untrusted',
    ]) {
      expect(run.stdout).toContain(finding);
    }
  });

  test("starts from its cache once built", async () => {
    const run = await actionlint(["-version"]);

    expect(run.stderr).toBe("");
    expect(run.seconds).toBeLessThan(5);
  });
});
