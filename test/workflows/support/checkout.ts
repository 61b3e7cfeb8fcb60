// A "git checkout" of the project for one workflow job: a fresh directory in which the program
// (index.ts, program/, resources/, node_modules, …) is the repository's own, by symlink, and
// stacks/ holds only the stack files of a stand-in repository (so `pulumi stack init` or
// `config set` in a job never touch the files in stacks/ of this repository).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "../../..");

/** The pulumi CLI of scripts/install-pulumi.sh (the version of @pulumi/pulumi in package.json). */
export const pulumiBin = path.join(
  process.env.PULUMI_HOME ?? path.join(os.homedir(), ".pulumi"),
  "versions",
  require("@pulumi/pulumi/package.json").version as string,
  "bin",
  "pulumi",
);

const linked = ["index.ts", "program", "resources", "package.json", "tsconfig.json", "tsconfig.pulumi.json", "node_modules", ".github"];

/** A stand-in for the Git repository: its stack files, as a team would have committed them. */
export class StandInRepository {
  readonly stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-repo-stacks-"));
  private readonly checkouts: string[] = [];

  /** Starts from copies of stacks/Pulumi.<name>.yaml of this repository. */
  constructor(stackNames: string[]) {
    for (const name of stackNames) {
      fs.copyFileSync(path.join(repoRoot, "stacks", `Pulumi.${name}.yaml`), path.join(this.stacksDir, `Pulumi.${name}.yaml`));
    }
  }

  stackFile(name: string): string {
    return fs.readFileSync(path.join(this.stacksDir, `Pulumi.${name}.yaml`), "utf8");
  }

  /** Commits a stack file as it is in a checkout (after `stack init`, `config set`…). */
  commitStackFile(checkoutDir: string, name: string): void {
    fs.copyFileSync(path.join(checkoutDir, "stacks", `Pulumi.${name}.yaml`), path.join(this.stacksDir, `Pulumi.${name}.yaml`));
  }

  /** What `actions/checkout` gives a job: the committed files, nothing a previous job left. */
  checkout(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-checkout-"));
    for (const entry of linked) fs.symlinkSync(path.join(repoRoot, entry), path.join(dir, entry));
    fs.copyFileSync(path.join(repoRoot, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.cpSync(this.stacksDir, path.join(dir, "stacks"), { recursive: true });
    this.checkouts.push(dir);
    return dir;
  }

  dispose(): void {
    for (const dir of [...this.checkouts, this.stacksDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
}
