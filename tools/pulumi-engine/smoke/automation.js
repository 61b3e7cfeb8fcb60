// Automation API smoke: up / preview --expect-no-changes / destroy through PulumiCommand.get on
// the cached install. Usage: node automation.js <workDir>  (workDir: copy of this fixture)
const fs = require("fs");
const path = require("path");
const os = require("os");
const { SemVer } = require("semver");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function main() {
    const workDir = path.resolve(process.argv[2] || __dirname);
    const version = "3.248.0";
    const root = path.join(process.env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "versions", version);
    const pulumiCommand = await PulumiCommand.get({ version: new SemVer(version), root });
    console.log(`cli: ${pulumiCommand.command} v${pulumiCommand.version}`);

    // The local backend directory must exist before the first command.
    const state = path.join(workDir, "state");
    fs.mkdirSync(state, { recursive: true });
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "auto", workDir },
        {
            pulumiCommand,
            envVars: {
                PULUMI_BACKEND_URL: `file://${state}`,
                PULUMI_CONFIG_PASSPHRASE: "test",
            },
        },
    );
    await stack.setConfig("x", { value: "y", secret: true });

    const up = await stack.up();
    console.log("up:", JSON.stringify(up.summary.resourceChanges), "itemId =", up.outputs.itemId.value,
        "secretValue secret =", up.outputs.secretValue.secret);
    const preview = await stack.preview({ expectNoChanges: true });
    console.log("preview:", JSON.stringify(preview.changeSummary));
    const destroy = await stack.destroy();
    console.log("destroy:", JSON.stringify(destroy.summary.resourceChanges));
    await stack.workspace.removeStack("auto");
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
