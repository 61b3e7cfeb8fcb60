import { engineCategories, nodeCategories, type Profile } from "../../bench/profile-categories";

describe("npm run bench -- profile: each CPU sample in one category by its stack", () => {
  test("engine samples (go tool pprof -traces): a checkpoint's JSON, its file write and the .bak copy apart from the engine's other work", () => {
    const traces = `File: pulumi
Type: cpu
-----------+-------------------------------------------------------
     1.20s   encoding/json.appendCompact
             github.com/pulumi/pulumi/pkg/v3/backend/diy.compactJSONMarshaler.Marshal
             github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot
-----------+-------------------------------------------------------
     300ms   crypto/md5.block
             gocloud.dev/blob.(*Bucket).WriteAll
             github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot
-----------+-------------------------------------------------------
      20ms   gocloud.dev/blob/fileblob.(*bucket).Copy
             github.com/pulumi/pulumi/pkg/v3/backend/diy.backupTarget
             github.com/pulumi/pulumi/pkg/v3/backend.(*SnapshotManager).saveSnapshot
-----------+-------------------------------------------------------
      10ms   runtime.scanObject
             runtime.gcBgMarkWorker
-----------+-------------------------------------------------------
      10ms   github.com/pulumi/pulumi/pkg/v3/resource/deploy.(*stepExecutor).executeStep
-----------+-------------------------------------------------------
      10ms   main.main
-----------+-------------------------------------------------------
`;
    expect(engineCategories(traces)).toEqual({
      "checkpoint: state to JSON": 1200,
      "checkpoint: file write, with its MD5": 300,
      "checkpoint: backup copy of the previous state file": 20,
      "garbage collection": 10,
      "steps, diffs, plugin calls": 10,
      other: 10,
    });
  });

  test("Node.js samples (--cpu-prof): by the innermost frame outside Node.js itself, module loading apart, idle time left out", () => {
    const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url }, children });
    const profile: Profile = {
      nodes: [
        frame(1, "(root)", "", [2, 3, 4, 8, 9]),
        frame(2, "(idle)", ""),
        frame(3, "registerResource", "file:///p/node_modules/@pulumi/pulumi/runtime/resource.js", [5]),
        frame(4, "check", "file:///p/resources/application/provider.ts", [6]),
        frame(5, "captureStackTrace", "", [7]),
        frame(6, "parse", "file:///p/node_modules/zod/lib/types.js"),
        frame(7, "wrapCallSite", "file:///p/node_modules/source-map-support/source-map-support.js"),
        frame(8, "(garbage collector)", ""),
        frame(9, "require", "file:///p/node_modules/@pulumi/pulumi/index.js", [10]),
        frame(10, "Module._load", "node:internal/modules/cjs/loader", [11]),
        frame(11, "compileFunction", ""),
      ],
      samples: [2, 3, 4, 7, 6, 8, 11],
      timeDeltas: [5000, 1000, 2000, 3000, 4000, 500, 700],
    };
    expect(nodeCategories(profile)).toEqual({
      "Pulumi SDK": 1,
      "ours (resources/, the program)": 2,
      "stack traces mapped to sources (source-map-support)": 3,
      zod: 4,
      "garbage collection": 0.5,
      "module loading (require, compile)": 0.7,
    });
  });
});
