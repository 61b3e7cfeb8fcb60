// Runs the jobs of our GitHub Actions workflows here, from their YAML: each `pulumi/actions@v7`
// step is carried out as that action does it (v6/v7 src/main.ts: the Automation API's
// createOrSelectStack or selectStack, setAllConfig for `config-map`, then preview/up/destroy with
// the step's options, `stack rm` for `remove`, and its PR comment), against the real `pulumi` CLI.
// Every CLI invocation is recorded, so tests can show and check the exact commands.
//
// What differs from GitHub, and only this: the state backend (`cloud-url`) is a local directory,
// a KMS secrets provider (awskms://…) is replaced by the passphrase provider (no KMS here), `run:`
// steps are not executed (they are recorded as reached or skipped), and the `prepare` action is a
// no-op (Node.js and the npm packages are this checkout's; AWS is not used by these stacks).
import { LocalWorkspace, PulumiCommand, type LocalWorkspaceOptions, type Stack } from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { SemVer } from "semver";
import { condition, interpolate, type Context } from "./expressions";
import { repoRoot, type StandInRepository } from "./checkout";

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string; url?: string };
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, { types?: string[]; branches?: string[] } | null | Array<unknown>>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

export function loadWorkflow(file: string): Workflow {
  return yaml.load(fs.readFileSync(path.join(repoRoot, ".github/workflows", file), "utf8")) as Workflow;
}

/** The inputs of pulumi/actions v7 (v6's action.yml; v7 changed only the Node.js runtime). */
const knownInputs = new Set([
  "always-include-summary", "cloud-url", "color", "command", "comment-on-pr", "comment-on-pr-number",
  "comment-on-summary", "config-map", "continue-on-error", "debug", "diff", "edit-pr-comment", "exclude",
  "exclude-dependents", "exclude-protected", "expect-no-changes", "github-token", "log-flow", "log-verbosity",
  "message", "parallel", "plan", "policyPackConfigs", "policyPacks", "pulumi-version", "pulumi-version-file",
  "refresh", "remove", "replace", "secrets-provider", "stack-name", "suppress-outputs", "suppress-progress",
  "target", "target-dependents", "upsert", "work-dir",
]);
/** Inputs this runner carries out; any other would silently do nothing here, so it is refused. */
const handledInputs = new Set([
  "command", "stack-name", "work-dir", "cloud-url", "pulumi-version", "secrets-provider", "upsert", "remove",
  "config-map", "comment-on-pr", "diff", "refresh", "expect-no-changes", "message", "parallel", "target",
  "replace", "target-dependents", "suppress-outputs", "suppress-progress", "color",
]);

/** @actions/core getBooleanInput: YAML 1.2 core schema booleans only. */
function booleanInput(inputs: Record<string, string>, name: string): boolean {
  const value = inputs[name];
  if (value === undefined || value === "") return false;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`);
}

export interface GitHubEvent {
  name: "pull_request" | "push" | "schedule" | "workflow_dispatch";
  payload: Record<string, unknown>;
}

export const pullRequestEvent = (action: string, number: number, repository: string): GitHubEvent => ({
  name: "pull_request",
  payload: { action, number, pull_request: { number, head: { repo: { full_name: repository } } } },
});

/** The repository's settings as the test plays them: variables and secrets, per environment too. */
export interface RepositorySettings {
  repository: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  environments: Record<string, { vars?: Record<string, string>; secrets?: Record<string, string> }>;
  /** Stands in for the KMS keys of awskms:// secrets providers. */
  passphrase: string;
}

export interface StepResult {
  name: string;
  uses?: string;
  outcome: "success" | "failure" | "skipped";
  /** False for `run:` steps, which are only recorded. */
  executed: boolean;
  /** The pulumi CLI invocations of a pulumi/actions step. */
  commands: string[][];
  /** The action's `output` (the command's stdout), and its PR comment when it would post one. */
  output?: string;
  comment?: string;
  /** Resource operations by kind: what up/destroy did, or what preview proposes. */
  changes?: Record<string, number>;
  error?: Error;
}

export interface JobResult {
  job: string;
  matrix?: Record<string, string>;
  environment?: string;
  /** False when the job's `if:` or the event's type excludes it. */
  ran: boolean;
  outcome: "success" | "failure" | "skipped";
  steps: StepResult[];
  checkoutDir?: string;
}

const pulumiVersion = require("@pulumi/pulumi/package.json").version as string;
const pulumiHome = process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi");

/** The CLI, recording every invocation (the Automation API adds --non-interactive itself). */
async function recordingPulumi(log: string[][]): Promise<PulumiCommand> {
  const cli = await PulumiCommand.get({ root: path.join(pulumiHome, "versions", pulumiVersion), version: new SemVer(pulumiVersion) });
  const recorder = Object.create(cli) as PulumiCommand & { run: (args: string[], ...rest: unknown[]) => unknown };
  const run = (cli as unknown as { run: (args: string[], ...rest: unknown[]) => unknown }).run.bind(cli);
  recorder.run = (args: string[], ...rest: unknown[]) => {
    const result = run(args, ...rest);
    log.push([...args]);
    return result;
  };
  return recorder;
}

/** A command as a person would type it: without the Automation API's event-log plumbing. */
export function shown(args: string[]): string {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === "--event-log" || args[index] === "--exec-kind") index++;
    else if (args[index] !== "--non-interactive") kept.push(args[index]);
  }
  return `pulumi ${kept.join(" ")}`;
}

export class WorkflowRunner {
  constructor(
    private readonly settings: RepositorySettings,
    private readonly repository: StandInRepository,
  ) {}

  /** The matrix combinations of a job (one empty combination when it has no matrix). */
  matrixOf(workflow: Workflow, jobId: string): Array<Record<string, string>> {
    return workflow.jobs[jobId].strategy?.matrix?.include ?? [{}];
  }

  /** Runs one job of a workflow for an event, as GitHub would (minus what the header says). */
  async runJob(workflow: Workflow, jobId: string, event: GitHubEvent, matrix?: Record<string, string>): Promise<JobResult> {
    const job = workflow.jobs[jobId];
    if (!job) throw new Error(`workflow "${workflow.name}" has no job ${jobId}`);
    const combinations = this.matrixOf(workflow, jobId);
    if (matrix && !combinations.some((combination) => Object.entries(matrix).every(([key, value]) => combination[key] === value))) {
      throw new Error(`job ${jobId} has no matrix combination ${JSON.stringify(matrix)}`);
    }
    const combination = matrix ? combinations.find((c) => Object.entries(matrix).every(([key, value]) => c[key] === value)) : combinations[0];

    const github = {
      repository: this.settings.repository,
      event_name: event.name,
      event: event.payload,
      server_url: "https://github.com",
      run_id: "1",
      token: "github-token",
    };
    const base: Context = { github, matrix: combination ?? {}, vars: this.settings.vars, secrets: this.settings.secrets, env: {}, steps: {}, inputs: {} };

    const skipped: JobResult = { job: jobId, matrix: combination, ran: false, outcome: "skipped", steps: [] };
    if (!this.triggers(workflow, event)) return skipped;
    if (!condition(job.if, base, { failed: false })) return skipped;

    const environment = typeof job.environment === "string" ? interpolate(job.environment, base) : job.environment && interpolate(job.environment.name, base);
    const scoped = environment ? this.settings.environments[environment] : undefined;
    if (environment && !scoped) throw new Error(`environment "${environment}" is used by job ${jobId} but not provided by the test`);
    const context: Context = {
      ...base,
      vars: { ...this.settings.vars, ...scoped?.vars },
      secrets: { ...this.settings.secrets, ...scoped?.secrets },
    };
    const jobEnv = { ...interpolate(workflow.env ?? {}, context), ...interpolate(job.env ?? {}, context) };
    context.env = jobEnv;

    const result: JobResult = { job: jobId, matrix: combination, environment, ran: true, outcome: "success", steps: [] };
    const steps: Record<string, { outcome: string }> = {};
    context.steps = steps;
    for (const step of job.steps) {
      const name = step.name ?? step.uses ?? step.run?.split("\n")[0] ?? "step";
      const failed = result.outcome === "failure";
      if (!condition(step.if, context, { failed })) {
        result.steps.push({ name, uses: step.uses, outcome: "skipped", executed: false, commands: [] });
        if (step.id) steps[step.id] = { outcome: "skipped" };
        continue;
      }
      const env = { ...jobEnv, ...interpolate(step.env ?? {}, context) };
      const stepResult = await this.runStep(step, name, env, context, event, result);
      result.steps.push(stepResult);
      if (step.id) steps[step.id] = { outcome: stepResult.outcome };
      if (stepResult.outcome === "failure") result.outcome = "failure";
    }
    return result;
  }

  private triggers(workflow: Workflow, event: GitHubEvent): boolean {
    if (!(event.name in workflow.on)) return false;
    if (event.name !== "pull_request") return true;
    const types = (workflow.on.pull_request as { types?: string[] } | null)?.types ?? ["opened", "synchronize", "reopened"];
    return types.includes(event.payload.action as string);
  }

  private async runStep(step: Step, name: string, env: Record<string, string>, context: Context, event: GitHubEvent, job: JobResult): Promise<StepResult> {
    const base = { name, uses: step.uses, commands: [] as string[][] };
    if (step.run !== undefined) return { ...base, outcome: "success", executed: false };
    const uses = step.uses ?? "";
    if (uses.startsWith("actions/checkout@")) {
      job.checkoutDir = this.repository.checkout();
      return { ...base, outcome: "success", executed: true };
    }
    if (uses.startsWith("./")) {
      if (!fs.existsSync(path.join(repoRoot, uses, "action.yml"))) throw new Error(`${uses}/action.yml does not exist`);
      return { ...base, outcome: "success", executed: false };
    }
    if (uses === "pulumi/actions@v7") {
      if (!job.checkoutDir) throw new Error("pulumi/actions runs before actions/checkout");
      const inputs = Object.fromEntries(Object.entries(interpolate(step.with ?? {}, context)).map(([key, value]) => [key, String(value)]));
      return this.pulumiAction(base, inputs, env, job.checkoutDir, event);
    }
    throw new Error(`step "${name}" uses ${uses}, which the test runner does not know`);
  }

  private async pulumiAction(
    base: { name: string; uses?: string; commands: string[][] },
    inputs: Record<string, string>,
    env: Record<string, string>,
    checkoutDir: string,
    event: GitHubEvent,
  ): Promise<StepResult> {
    for (const key of Object.keys(inputs)) {
      if (!knownInputs.has(key)) throw new Error(`pulumi/actions@v7 has no input "${key}"`);
      if (!handledInputs.has(key)) throw new Error(`the test runner does not carry out the pulumi/actions input "${key}"`);
    }
    if (inputs["pulumi-version"] && inputs["pulumi-version"] !== pulumiVersion) {
      throw new Error(`the workflow installs pulumi ${inputs["pulumi-version"]}, the tests run ${pulumiVersion} (package.json)`);
    }
    const command = inputs.command;
    const stackName = inputs["stack-name"];
    if (!["preview", "up", "update", "destroy", "refresh"].includes(command)) throw new Error(`unsupported command "${command}"`);
    if (!stackName) throw new Error("stack-name is required");
    const backend = inputs["cloud-url"];
    if (!backend?.startsWith("file://")) throw new Error(`the tests give cloud-url a local file:// backend, got "${backend}"`);

    const commands = base.commands;
    const wsOpts: LocalWorkspaceOptions = {
      workDir: path.resolve(checkoutDir, inputs["work-dir"] || "./"),
      pulumiCommand: await recordingPulumi(commands),
      envVars: {
        ...env,
        PULUMI_BACKEND_URL: backend,
        PULUMI_CONFIG_PASSPHRASE: this.settings.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      },
    };
    const secretsProvider = inputs["secrets-provider"];
    if (secretsProvider) wsOpts.secretsProvider = secretsProvider.startsWith("awskms://") ? "passphrase" : secretsProvider;

    const optionalNumber = (name: string) => (inputs[name] ? Number(inputs[name]) : undefined);
    const list = (name: string) => (inputs[name] ? inputs[name].split(/[\n;]/).map((item) => item.trim()).filter(Boolean) : undefined);
    const options = {
      diff: booleanInput(inputs, "diff"),
      refresh: booleanInput(inputs, "refresh"),
      expectNoChanges: booleanInput(inputs, "expect-no-changes"),
      targetDependents: booleanInput(inputs, "target-dependents"),
      suppressOutputs: booleanInput(inputs, "suppress-outputs"),
      suppressProgress: booleanInput(inputs, "suppress-progress"),
      message: inputs.message || undefined,
      parallel: optionalNumber("parallel"),
      target: list("target"),
      replace: list("replace"),
      color: (inputs.color || undefined) as "always" | "never" | "raw" | "auto" | undefined,
    };

    let output: string | undefined;
    try {
      const stackArgs = { stackName, workDir: wsOpts.workDir! };
      const stack: Stack = booleanInput(inputs, "upsert")
        ? await LocalWorkspace.createOrSelectStack(stackArgs, wsOpts)
        : await LocalWorkspace.selectStack(stackArgs, wsOpts);
      if (inputs["config-map"]) await stack.setAllConfig(yaml.load(inputs["config-map"]) as Record<string, { value: string; secret?: boolean }>);
      const run = {
        preview: async () => {
          const result = await stack.preview(options);
          return { stdout: result.stdout, changes: result.changeSummary };
        },
        up: async () => {
          const result = await stack.up(options);
          return { stdout: result.stdout, changes: result.summary.resourceChanges };
        },
        destroy: async () => {
          const result = await stack.destroy(options);
          return { stdout: result.stdout, changes: result.summary.resourceChanges };
        },
        refresh: async () => {
          const result = await stack.refresh(options);
          return { stdout: result.stdout, changes: result.summary.resourceChanges };
        },
      }[command === "update" ? "up" : command]!;
      const { stdout, changes } = await run();
      output = stdout;
      await stack.outputs();
      const comment =
        booleanInput(inputs, "comment-on-pr") && event.name === "pull_request"
          ? pullRequestComment(command, (await stack.workspace.projectSettings()).name, stackName, output)
          : undefined;
      if (booleanInput(inputs, "remove") && command === "destroy") await stack.workspace.removeStack(stackName);
      return { ...base, outcome: "success", executed: true, output, comment, changes: changes as Record<string, number> | undefined };
    } catch (error) {
      return { ...base, outcome: "failure", executed: true, output, error: error as Error };
    }
  }
}

/** The PR comment pulumi/actions posts (src/libs/pr.ts): a heading, then the output in <details>. */
export function pullRequestComment(command: string, projectName: string, stackName: string, output: string): string {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\u001b\[[0-9;]*m/g, "");
  return [
    `#### :tropical_drink: \`${command}\` on ${projectName}/${stackName}`,
    "",
    "<details>",
    "<summary>Pulumi report</summary>",
    "",
    "<pre>",
    text.trimEnd(),
    "</pre>",
    "</details>",
  ].join("\n");
}
