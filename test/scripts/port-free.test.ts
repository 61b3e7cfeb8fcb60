import { execFile } from "node:child_process";
import { createServer, type Server } from "node:net";
import { promisify } from "node:util";
import { repoRoot } from "../support/engine";

/** `npm start` checks the local stack's port before starting the sandbox (scripts/sandbox.sh). */
describe("a taken sandbox port", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const check = (target: number) =>
    promisify(execFile)("bash", ["scripts/port-free.sh", String(target)], { cwd: repoRoot }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  test("is named with the process that holds it and what to do, in two lines and no stack trace", async () => {
    const { code, stderr } = await check(port);

    expect(code).toBe(1);
    const [taken, what, ...rest] = stderr.trim().split("\n");
    expect(taken).toMatch(new RegExp(`^error: port ${port}, where the local stack expects Logto \\(logto:endpoint http://127\\.0\\.0\\.1:${port}\\), is taken by pid ${process.pid} \\(.*node.*\\)\\.$`));
    expect(what).toBe("  Stop that process, then run npm start again (the local stack, stacks/Pulumi.local.yaml, names this port in several settings).");
    expect(rest).toEqual([]);
  });

  test("a free port passes", async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const freePort = (free.address() as { port: number }).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));

    expect(await check(freePort)).toEqual({ code: 0, stderr: "" });
  });
});
