import {
  LocalWorkspace,
  PulumiCommand,
  type DestroyOptions,
  type PreviewOptions,
  type RefreshOptions,
  type Stack,
  type UpOptions,
} from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { SemVer } from "semver";

export const repoRoot = path.resolve(__dirname, "../..");
const pulumiVersion = require("@pulumi/pulumi/package.json").version as string;
const pulumiHome = process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");

export interface LogtoCredentials {
  endpoint: string;
  appId: string;
  appSecret: string;
}

export interface EngineStackOptions {
  /** Program directory (holds Pulumi.yaml); defaults to the project itself. */
  workDir?: string;
  logto: LogtoCredentials;
  config?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Defaults to a random `test-…` name. */
  stackName?: string;
  /** Defaults to a random passphrase. */
  passphrase?: string;
  /** Write this stack config file (YAML) instead of letting `stack init` make one. */
  stackConfigFile?: string;
}

/**
 * A stack of a real `pulumi` CLI (the version pinned in package.json, built by
 * scripts/install-pulumi.sh) on a throwaway local backend with the passphrase secrets provider.
 */
export interface EngineStack {
  stack: Stack;
  name: string;
  workDir: string;
  passphrase: string;
  /** The lifecycle operations, with `--diff`, their output recorded in the transcript. */
  up(options?: UpOptions): ReturnType<Stack["up"]>;
  preview(options?: PreviewOptions): ReturnType<Stack["preview"]>;
  refresh(options?: RefreshOptions): ReturnType<Stack["refresh"]>;
  destroy(options?: DestroyOptions): ReturnType<Stack["destroy"]>;
  /** Everything the CLI printed so far, for searching it for secrets. */
  transcript(): string;
  /** Runs the `pulumi` CLI itself against this stack; output joins the transcript unless `record` is false. */
  cli(args: string[], record?: boolean): Promise<{ code: number; stdout: string; stderr: string }>;
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  /** What every pulumi command of this stack runs with: its backend and passphrase. */
  envVars: Record<string, string>;
  /** `pulumi stack export` as stored, secrets encrypted. */
  exportState(): Promise<string>;
  /** `pulumi stack export --show-secrets`, kept out of the transcript. */
  exportDecryptedState(): Promise<string>;
  dispose(): Promise<void>;
}

function stackConfigDirOf(workDir: string): string {
  const project = fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8");
  return /^stackConfigDir:\s*(\S+)/m.exec(project)?.[1] ?? ".";
}

export async function createEngineStack(options: EngineStackOptions): Promise<EngineStack> {
  const workDir = options.workDir ?? repoRoot;
  const name = options.stackName ?? `test-${randomBytes(4).toString("hex")}`;
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-state-"));
  const passphrase = options.passphrase ?? `passphrase-${randomBytes(12).toString("hex")}`;
  if (options.stackConfigFile !== undefined) {
    fs.writeFileSync(path.join(workDir, stackConfigDirOf(workDir), `Pulumi.${name}.yaml`), options.stackConfigFile);
  }
  const envVars = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // @pulumi/aws asks for its plugin, which cannot be downloaded here; engine runs create no AWS resources.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Type checking is `tsc --noEmit` in the test script; the engine runs need not repeat it.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
  const pulumiCommand = await PulumiCommand.get({
    root: path.join(pulumiHome, "versions", pulumiVersion),
    version: new SemVer(pulumiVersion),
  });
  const stack = await LocalWorkspace.createStack({ stackName: name, workDir }, { workDir, envVars, pulumiCommand });

  const printed: string[] = [];
  const env = { ...process.env, ...envVars };
  const cli = async (args: string[], record = true) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(pulumiCommand.command, [...args, "--stack", name, "--non-interactive"], {
        cwd: workDir,
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
      if (record) printed.push(stdout, stderr);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { stdout = "", stderr = "", code = 1 } = error as { stdout?: string; stderr?: string; code?: number };
      if (record) printed.push(stdout, stderr);
      return { code, stdout, stderr };
    }
  };

  const setConfig = (key: string, value: string, secret = false) => stack.setConfig(key, { value, secret });
  await stack.setAllConfig({
    "logto:endpoint": { value: options.logto.endpoint },
    "logto:m2mAppId": { value: options.logto.appId },
    "logto:m2mAppSecret": { value: options.logto.appSecret, secret: true },
    ...Object.fromEntries(Object.entries(options.config ?? {}).map(([key, value]) => [key, { value }])),
    ...Object.fromEntries(Object.entries(options.secrets ?? {}).map(([key, value]) => [key, { value, secret: true }])),
  });

  const record = (text: string) => printed.push(text);
  return {
    stack,
    name,
    up: (opts) => stack.up({ diff: true, onOutput: record, ...opts }),
    preview: (opts) => stack.preview({ diff: true, onOutput: record, ...opts }),
    refresh: (opts) => stack.refresh({ onOutput: record, ...opts }),
    destroy: (opts) => stack.destroy({ onOutput: record, ...opts }),
    workDir,
    passphrase,
    envVars,
    transcript: () => printed.join("\n"),
    cli,
    setConfig,
    exportState: async () => (await cli(["stack", "export"], false)).stdout,
    exportDecryptedState: async () => (await cli(["stack", "export", "--show-secrets"], false)).stdout,
    dispose: async () => {
      await stack.workspace.removeStack(name, { force: true }).catch(() => undefined);
      fs.rmSync(backendDir, { recursive: true, force: true });
    },
  };
}
