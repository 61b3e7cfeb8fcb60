import * as path from "node:path";

/**
 * Prints a line in the engine's output (preview, up) from the provider process. The dynamic
 * provider host passes only changes and replacements from a diff to the engine, so a change
 * found only against Logto's live values would preview as a bare `~ update`; this says why.
 * Outside the host (the unit tests call providers directly) it does nothing.
 */
export function explainToEngine(message: string): Promise<void> {
  const engine = engineClient();
  if (!engine) return Promise.resolve();
  const request = new engine.proto.LogRequest();
  request.setSeverity(engine.proto.LogSeverity.INFO);
  request.setMessage(message);
  return new Promise((resolve) => engine.client.log(request, () => resolve()));
}

interface Engine {
  client: { log(request: unknown, done: () => void): void };
  proto: typeof import("@pulumi/pulumi/proto/engine_pb");
}

let engine: Engine | null | undefined;

/** The engine's address is the host's first argument (cmd/dynamic-provider `main`). */
function engineClient(): Engine | null {
  if (engine !== undefined) return engine;
  const address = process.argv[2];
  const underHost = require.main?.filename.split(path.sep).includes("dynamic-provider") ?? false;
  if (!underHost || !address) return (engine = null);
  // grpc-js and the engine stubs as @pulumi/pulumi has them.
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
  const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb");
  engine = { client: new EngineClient(address, grpc.credentials.createInsecure()), proto: require("@pulumi/pulumi/proto/engine_pb") };
  return engine;
}
