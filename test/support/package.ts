// The project as users get it: built, packed with `npm pack`, installed into a fresh program
// directory beside the pulumi SDK, as `npm install` in their own project does.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./engine";

export const run = promisify(execFile);
export const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
export const typescriptVersion = (require("typescript/package.json") as { version: string }).version;

/**
 * What `npm run build` makes (tsconfig.build.json), into a directory of its own: test files
 * running side by side never share one dist/. Answers the directory.
 */
export async function build(): Promise<string> {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-dist-"));
  await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(repoRoot, "tsconfig.build.json"), "--outDir", dist], { cwd: repoRoot });
  return dist;
}

/** Packs what `build` made in `dist` as `version` into `directory`; answers the tarball's path. */
export async function pack(dist: string, directory: string, version: string): Promise<string> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-pack-"));
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  for (const part of ["resources", "generate"]) fs.cpSync(path.join(dist, part), path.join(staging, "dist", part), { recursive: true });
  fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ ...manifest, version, scripts: {} }, null, 2));
  const { stdout } = await run("npm", ["pack", "--pack-destination", directory, "--silent"], { cwd: staging });
  fs.rmSync(staging, { recursive: true, force: true });
  return path.join(directory, stdout.trim().split("\n").at(-1)!);
}

export const npmInstall = (directory: string, packages: string[]) =>
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...packages], { cwd: directory, maxBuffer: 16 * 1024 * 1024 });
