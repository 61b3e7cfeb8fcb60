import * as fs from "node:fs";
import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/** The `pulumi config set` lines of the README's "Setting them" block, as a user types them. */
function readmeConfigCommands(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const block = /Setting them, for a stack of your own[^]*?```sh\n([^]*?)```/.exec(readme)?.[1] ?? "";
  return block.split("\n").filter((line) => line.startsWith("pulumi config set "));
}

/** Shell words of one line: plain words and 'single-quoted' ones, as bash reads these lines. */
const words = (line: string) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);

describe("the README's config commands", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const commands = readmeConfigCommands();

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({ logto: sandbox });
  });
  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("are there to run", () => {
    expect(commands.length).toBeGreaterThan(20);
  });

  test("each works as written, on a new stack", async () => {
    const failed: string[] = [];
    for (const command of commands) {
      const { code, stderr } = await engine.cli(words(command).slice(1));
      if (code !== 0) failed.push(`${command}\n  ${stderr.trim()}`);
    }
    expect(failed).toEqual([]);
  });

  test("together they make a stack that previews", async () => {
    const preview = await engine.preview();

    expect(preview.changeSummary).toMatchObject({ create: expect.any(Number) });
  });
});
