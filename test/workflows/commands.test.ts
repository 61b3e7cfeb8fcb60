// The pulumi commands of .github/workflows, taken from the YAML and run here with the real CLI
// against Logto sandboxes (see support/runner.ts for what differs from GitHub): a change to a
// workflow changes what these tests run.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { pulumiBin, StandInRepository } from "./support/checkout";
import { loadWorkflow, pullRequestEvent, shown, WorkflowRunner, type GitHubEvent, type JobResult, type StepResult } from "./support/runner";

const repository = "acme/shop";
const preview = loadWorkflow("preview.yml");
const deploy = loadWorkflow("deploy.yml");
const review = loadWorkflow("review-stack.yml");
const drift = loadWorkflow("drift.yml");
const push: GitHubEvent = { name: "push", payload: { ref: "refs/heads/main" } };
const schedule: GitHubEvent = { name: "schedule", payload: {} };

const pulumiStep = (job: JobResult): StepResult => {
  const steps = job.steps.filter((step) => step.uses === "pulumi/actions@v7");
  expect(steps).toHaveLength(1);
  return steps[0];
};
/** The step's CLI invocations as typed by a person, state-reading ones left out. */
const operations = (step: StepResult) =>
  step.commands.map(shown).filter((command) => !/^pulumi (version|whoami|stack output|stack history|stack select --stack|plugin|about)/.test(command));
const failure = (step: StepResult) => `${step.error?.message ?? ""}\n${step.output ?? ""}`;

describe("the workflows' pulumi commands, run against Logto sandboxes", () => {
  let devTenant: Sandbox;
  let reviewTenant: Sandbox;
  let repo: StandInRepository;
  let runner: WorkflowRunner;
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-backend-"));
  const passphrase = `kms-stand-in-${randomBytes(8).toString("hex")}`;
  const secrets = {
    oidcClientSecret: `oidc-secret-${randomBytes(8).toString("hex")}`,
    sesAccessKeySecret: `ses-secret-${randomBytes(8).toString("hex")}`,
  };
  const shownCommands: string[] = [];
  const record = (title: string, step: StepResult) => shownCommands.push(`${title}:`, ...operations(step).map((command) => `  ${command}`));
  const apps = async (tenant: Sandbox) =>
    ((await tenant.api("GET", "/api/applications")).body as Array<{ id: string; name: string; oidcClientMetadata: { redirectUris: string[] } }>).filter(
      (app) => app.id !== tenant.appId,
    );

  /** The team's one-time setup of the dev stack (README), its stack file then committed. */
  async function setUpDevStack() {
    const dir = repo.checkout();
    const env = { ...process.env, PULUMI_BACKEND_URL: `file://${backendDir}`, PULUMI_CONFIG_PASSPHRASE: passphrase, PULUMI_SKIP_UPDATE_CHECK: "true" };
    const pulumi = (...args: string[]) => promisify(execFile)(pulumiBin, [...args, "--stack", "dev", "--non-interactive"], { cwd: dir, env });
    await promisify(execFile)(pulumiBin, ["stack", "init", "dev", "--secrets-provider", "passphrase", "--non-interactive"], { cwd: dir, env });
    // The sandbox plays the dev tenant (fz7dev.logto.app): an OSS-like tenant, hence its resource.
    await pulumi("config", "set", "logto:endpoint", devTenant.endpoint);
    await pulumi("config", "set", "logto:resource", "https://default.logto.app/api");
    await pulumi("config", "set", "logto:m2mAppId", devTenant.appId);
    for (const [key, value] of Object.entries(secrets)) await pulumi("config", "set", "--secret", key, value);
    repo.commitStackFile(dir, "dev");
  }

  beforeAll(async () => {
    [devTenant, reviewTenant] = await Promise.all([spawnSandbox(), spawnSandbox()]);
    repo = new StandInRepository(["dev"]);
    const role = { AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/logto-pulumi" };
    runner = new WorkflowRunner(
      {
        repository,
        vars: { PULUMI_BACKEND_URL: `file://${backendDir}`, AWS_REGION: "eu-west-1" },
        secrets: {},
        environments: {
          dev: { vars: role, secrets: { LOGTO_M2M_APP_SECRET: devTenant.appSecret } },
          review: {
            vars: { ...role, LOGTO_ENDPOINT: reviewTenant.endpoint, LOGTO_RESOURCE: "https://default.logto.app/api", LOGTO_M2M_APP_ID: reviewTenant.appId },
            secrets: { LOGTO_M2M_APP_SECRET: reviewTenant.appSecret },
          },
        },
        passphrase,
      },
      repo,
    );
    await setUpDevStack();
  });

  afterAll(async () => {
    if (shownCommands.length) console.log(`The workflows' pulumi commands, as run here:\n${shownCommands.join("\n")}`);
    await Promise.all([devTenant?.stop(), reviewTenant?.stop()]);
    repo?.dispose();
    fs.rmSync(backendDir, { recursive: true, force: true });
  });

  test("push to main: Deploy's dev job runs `up --refresh --diff` and builds dev in its tenant", async () => {
    const job = await runner.runJob(deploy, "dev", push);
    const step = pulumiStep(job);
    record("Deploy / up dev (push to main)", step);

    expect(failure(step)).toBe("\n" + (step.output ?? ""));
    expect(job.outcome).toBe("success");
    expect(operations(step)).toContainEqual(expect.stringMatching(/^pulumi up --yes --skip-preview --refresh --diff --stack dev\b/));
    expect(step.changes).toMatchObject({ create: 6 });
    expect((await apps(devTenant)).map((app) => app.name)).toEqual(["Shop (dev)"]);
    const connectors = (await devTenant.api("GET", "/api/connectors")).body as Array<{ id: string }>;
    expect(connectors.map((connector) => connector.id).sort()).toEqual(["logto-pulumi-dev-apple", "logto-pulumi-dev-email", "logto-pulumi-dev-oidc"]);
  });

  test("staging and prod wait for dev, then for approval in their GitHub environments", () => {
    expect(deploy.jobs.staging.needs).toBe("dev");
    expect(deploy.jobs.prod.needs).toBe("staging");
    expect([deploy.jobs.staging.environment, deploy.jobs.prod.environment]).toEqual([
      expect.objectContaining({ name: "staging" }),
      expect.objectContaining({ name: "production" }),
    ]);
    const stackOf = (job: string) => deploy.jobs[job].steps.find((step) => step.uses === "pulumi/actions@v7")?.with?.["stack-name"];
    expect(["dev", "staging", "prod"].map(stackOf)).toEqual(["dev", "staging", "prod"]);
  });

  test("the nightly drift check passes right after up", async () => {
    const job = await runner.runJob(drift, "drift", schedule, { stack: "dev" });
    const step = pulumiStep(job);
    record("Drift check / drift dev (schedule)", step);

    expect(job.outcome).toBe("success");
    expect(operations(step)).toContainEqual(expect.stringMatching(/^pulumi preview --expect-no-changes --refresh --diff --stack dev\b/));
    expect(job.steps.find((s) => s.name === "Open or update the drift issue")?.outcome).toBe("skipped");
  });

  test("after a redirect URI is added in the Console, the drift check fails and reaches the issue step", async () => {
    const [app] = await apps(devTenant);
    const redirectUris = [...app.oidcClientMetadata.redirectUris, "https://evil.example.com/api/auth/callback/logto"];
    await devTenant.api("PATCH", `/api/applications/${app.id}`, { oidcClientMetadata: { ...app.oidcClientMetadata, redirectUris } });

    const job = await runner.runJob(drift, "drift", schedule, { stack: "dev" });
    const step = pulumiStep(job);

    expect(job.outcome).toBe("failure");
    expect(failure(step)).toMatch(/no changes were expected for preview but changes were proposed/);
    expect(failure(step)).toContain("https://evil.example.com/api/auth/callback/logto");
    expect(job.steps.find((s) => s.name === "Open or update the drift issue")).toMatchObject({ outcome: "success", executed: false });
  });

  test("the next deploy (`up --refresh`) puts the app's redirect URIs back", async () => {
    const up = pulumiStep(await runner.runJob(deploy, "dev", push));

    expect(up.changes).toMatchObject({ update: 1 });
    expect((await apps(devTenant))[0].oidcClientMetadata.redirectUris).toEqual(["https://dev.shop.example.com/api/auth/callback/logto"]);
  });

  test("a pull request's preview of dev: `preview --refresh --diff`, posted as the PR comment, Logto untouched", async () => {
    // The PR's change to the dev stack file: a new app URL, Apple off, another OIDC target.
    const dir = repo.checkout();
    const env = { ...process.env, PULUMI_BACKEND_URL: `file://${backendDir}`, PULUMI_CONFIG_PASSPHRASE: passphrase };
    for (const [key, value] of [["appUrl", "https://dev2.shop.example.com"], ["apple", "false"], ["oidcTarget", "acme-sso"]]) {
      await promisify(execFile)(pulumiBin, ["config", "set", key, value, "--stack", "dev", "--non-interactive"], { cwd: dir, env });
    }
    const before = fs.readFileSync(path.join(dir, "stacks", "Pulumi.dev.yaml"), "utf8");
    const main = repo.stackFile("dev");
    repo.commitStackFile(dir, "dev");
    await devTenant.clearRequests();

    try {
      const job = await runner.runJob(preview, "preview", pullRequestEvent("opened", 42, repository), { stack: "dev" });
      const step = pulumiStep(job);
      record("Preview / preview dev (pull request)", step);

      expect(failure(step)).toBe("\n" + (step.output ?? ""));
      expect(operations(step)).toContainEqual(expect.stringMatching(/^pulumi preview --refresh --diff --stack dev\b/));
      expect(step.changes).toMatchObject({ update: 2, delete: 1, replace: 1 });
      const comment = step.comment!;
      expect(comment).toMatch(/^#### :tropical_drink: `preview` on logto-pulumi\/dev\n/);
      expect(comment).toContain("https://dev2.shop.example.com/api/auth/callback/logto");
      expect(comment).toMatch(/\+-pulumi-nodejs:dynamic\/logto:Connector: \(replace\)\n.*\n.*logto:Connector::oidc\]/);
      expect(comment).toMatch(/- pulumi-nodejs:dynamic\/logto:Connector: \(delete\)\n.*\n.*logto:Connector::apple\]/);
      // Only the client secret is hidden: the reviewer sees the rest of the connector's config.
      expect(comment).toMatch(/clientSecret +: \[secret\]/);
      expect(comment).toMatch(/clientId +: "shop-dev"/);
      for (const secret of [...Object.values(secrets), devTenant.appSecret, passphrase]) expect(comment).not.toContain(secret);
      expect((await devTenant.requests()).filter((request) => request.class === "write")).toEqual([]);
      console.log(`A PR comment of the Preview workflow, as produced here:\n\n${comment}`);
    } finally {
      // The PR is closed unmerged: main's stack file again.
      fs.writeFileSync(path.join(repo.stacksDir, "Pulumi.dev.yaml"), main);
      expect(before).not.toBe(main);
    }
  });

  test("pull requests from forks get no preview and no review stack (no secrets there)", async () => {
    const fork = pullRequestEvent("opened", 43, "someone/shop");
    expect((await runner.runJob(preview, "preview", fork, { stack: "dev" })).ran).toBe(false);
    expect((await runner.runJob(review, "up", fork)).ran).toBe(false);
  });

  test("PR #42 opened: the review stack pr-42 is created (upsert) with the PR's app URL, in the review tenant only", async () => {
    const opened = pullRequestEvent("opened", 42, repository);
    expect((await runner.runJob(review, "destroy", opened)).ran).toBe(false);
    await devTenant.clearRequests();

    const job = await runner.runJob(review, "up", opened);
    const step = pulumiStep(job);
    record("Review stack / up pr-42 (pull request opened)", step);

    expect(failure(step)).toBe("\n" + (step.output ?? ""));
    expect(operations(step)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pulumi stack init pr-42 --secrets-provider passphrase$/),
        expect.stringMatching(/^pulumi config set-all --stack pr-42 --plaintext appUrl=https:\/\/pr-42\.preview\.shop\.example\.com$/),
        expect.stringMatching(/^pulumi up --yes --skip-preview --diff --stack pr-42\b/),
      ]),
    );
    expect(step.comment).toMatch(/^#### :tropical_drink: `up` on logto-pulumi\/pr-42\n/);
    expect(await apps(reviewTenant)).toEqual([
      expect.objectContaining({ name: "Auth.js (pr-42)", oidcClientMetadata: expect.objectContaining({ redirectUris: ["https://pr-42.preview.shop.example.com/api/auth/callback/logto"] }) }),
    ]);
    expect(await devTenant.requests()).toEqual([]);
  });

  test("a push to PR #42 updates pr-42 from a fresh checkout, without its stack file: nothing to change", async () => {
    const job = await runner.runJob(review, "up", pullRequestEvent("synchronize", 42, repository));
    const step = pulumiStep(job);

    expect(failure(step)).toBe("\n" + (step.output ?? ""));
    expect(step.changes).toEqual({ same: 3 });
  });

  test("PR #42 closed: `destroy` and `stack rm` remove pr-42 and its app", async () => {
    const closed = pullRequestEvent("closed", 42, repository);
    expect((await runner.runJob(review, "up", closed)).ran).toBe(false);

    const job = await runner.runJob(review, "destroy", closed);
    const step = pulumiStep(job);
    record("Review stack / destroy pr-42 (pull request closed)", step);

    expect(failure(step)).toBe("\n" + (step.output ?? ""));
    expect(operations(step)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pulumi config set-all --stack pr-42 --plaintext appUrl=https:\/\/pr-42\.preview\.shop\.example\.com$/),
        expect.stringMatching(/^pulumi destroy --yes --skip-preview --stack pr-42\b/),
        expect.stringMatching(/^pulumi stack rm --yes pr-42\b/),
      ]),
    );
    expect(await apps(reviewTenant)).toEqual([]);
    const env = { ...process.env, PULUMI_BACKEND_URL: `file://${backendDir}`, PULUMI_CONFIG_PASSPHRASE: passphrase };
    const { stdout } = await promisify(execFile)(pulumiBin, ["stack", "ls", "--json", "--non-interactive"], { cwd: repo.checkout(), env });
    expect((JSON.parse(stdout) as Array<{ name: string }>).map((stack) => stack.name)).toEqual(["dev"]);
  });
});
