// logto-pulumi as a library: `npm pack`ed, installed into a fresh directory the way a team adds
// it to its own Pulumi program, and run by the real pulumi CLI against the sandbox.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { build, npmInstall, pack, pulumiVersion, run, typescriptVersion } from "../support/package";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/** A fresh program directory holding `fixture`, with the tarball and pulumi installed as a user would. */
async function install(fixture: string, tarball: string, extra: string[] = []): Promise<string> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `logto-pulumi-user-${fixture}-`));
  fs.cpSync(path.join(repoRoot, "test/fixtures/library", fixture), directory, { recursive: true });
  fs.writeFileSync(path.join(directory, "package.json"), JSON.stringify({ name: `user-program-${fixture}`, private: true }));
  await npmInstall(directory, [tarball, `@pulumi/pulumi@${pulumiVersion}`, ...extra]);
  return directory;
}

/** A pulumi command of `engine`'s stack, run in `directory` (which need not be where the stack was made). */
async function pulumiIn(engine: EngineStack, directory: string, args: string[]) {
  const pulumi = path.join(process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"), "versions", pulumiVersion, "bin", "pulumi");
  return run(pulumi, [...args, "--stack", engine.name, "--non-interactive"], { cwd: directory, env: { ...process.env, ...engine.envVars }, maxBuffer: 16 * 1024 * 1024 });
}

describe("logto-pulumi installed from its npm package into a team's own program", () => {
  let sandbox: Sandbox;
  let dist: string;
  let packed: string;
  let tarball: string;
  const directories: string[] = [];
  const get = async <T>(apiPath: string) => (await sandbox.api("GET", apiPath)).body as T;

  beforeAll(async () => {
    dist = await build();
    packed = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-tarballs-"));
    tarball = await pack(dist, packed, "0.1.0");
    sandbox = await spawnSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
    for (const directory of [dist, packed, ...directories]) if (directory) fs.rmSync(directory, { recursive: true, force: true });
  });

  test("this repository's own program stays index.ts once the library is built: Pulumi.yaml names it, as package.json exports dist/", () => {
    // Without `main`, Pulumi loads the project directory through package.json `exports` and, with
    // dist/ present, runs the library entry: a program that declares nothing, so an up would delete every resource.
    expect(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")).toMatch(/^main: index\.ts$/m);
    expect(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).exports["."].default).toBe("./dist/resources/index.js");
  });

  test("the package holds compiled JavaScript with type declarations, and no TypeScript sources, tests or sandbox", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n");

    expect(files).toEqual(expect.arrayContaining(["package/dist/resources/index.js", "package/dist/resources/index.d.ts", "package/dist/resources/application/provider.js"]));
    expect(files.filter((file) => !/^package\/(package\.json|dist\/resources\/.+\.(js|d\.ts)|dist\/generate\/.+\.js)$/.test(file))).toEqual([]);
  });

  test("TypeScript: type-checks against the package, and up, preview, refresh and destroy work; the project moves and the package is upgraded in between", async () => {
    let directory = await install("ts", tarball, [`typescript@${typescriptVersion}`]);
    directories.push(directory);
    await run(path.join(directory, "node_modules/.bin/tsc"), ["--noEmit", "-p", directory]);
    const engine = await createEngineStack({ workDir: directory, logto: sandbox });

    const up = await engine.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(up.outputs.clientSecret.secret).toBe(true);
    const state = await engine.exportState();
    expect(state).toContain("package:logto-pulumi/provider/application");
    expect(state).toContain('Object.create(require(\\"logto-pulumi/provider-loader\\"))');
    expect(state).not.toContain(directory);

    const moved = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-moved-"));
    fs.renameSync(directory, path.join(moved, "program"));
    directory = path.join(moved, "program");
    directories.push(moved);
    await pulumiIn(engine, directory, ["preview", "--expect-no-changes"]);

    await npmInstall(directory, [await pack(dist, packed, "0.2.0")]);
    expect(JSON.parse(fs.readFileSync(path.join(directory, "node_modules/logto-pulumi/package.json"), "utf8")).version).toBe("0.2.0");
    await pulumiIn(engine, directory, ["preview", "--expect-no-changes"]);
    await pulumiIn(engine, directory, ["refresh", "--yes", "--expect-no-changes"]);
    await pulumiIn(engine, directory, ["destroy", "--yes"]);

    expect((await get<Array<{ name: string }>>("/api/applications")).map((app) => app.name)).not.toContain("Shop");
    expect(await get<Array<{ indicator: string }>>("/api/resources")).not.toContainEqual(expect.objectContaining({ indicator: "https://api.shop.example.com" }));
    await engine.dispose();
  });

  test("plain JavaScript: the same package from require(), without ts-node or TypeScript installed", async () => {
    const directory = await install("js", tarball);
    directories.push(directory);
    expect(fs.existsSync(path.join(directory, "node_modules/ts-node"))).toBe(false);
    expect(fs.existsSync(path.join(directory, "node_modules/@pulumi/aws"))).toBe(false);
    const engine = await createEngineStack({ workDir: directory, logto: sandbox });

    expect((await engine.up()).summary.resourceChanges).toMatchObject({ create: 3 });
    expect(await get("/api/sign-in-exp")).toMatchObject({ termsOfUseUrl: "https://shop.example.com/terms", passwordPolicy: { length: { min: 10, max: 256 } } });
    await engine.preview({ expectNoChanges: true });
    await engine.refresh({ expectNoChanges: true } as never);
    await engine.destroy();

    expect(await get("/api/sign-in-exp")).toMatchObject({ termsOfUseUrl: null, passwordPolicy: {} });
    await engine.dispose();
  });
});
