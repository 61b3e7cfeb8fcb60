import * as fs from "node:fs";
import * as path from "node:path";
import { referenceDirectory, referencePages } from "../../scripts/reference-docs";

describe("the reference docs are the schemas' own descriptions", () => {
  test.each(referencePages().map(({ file, text }) => [file, text]))("docs/reference/%s matches the schema (run npm run docs after changing one)", (file, text) => {
    expect(fs.readFileSync(path.join(referenceDirectory, file), "utf8")).toBe(text);
  });

  test.each(referencePages().map(({ file, text }) => [file, text]))("every input in %s is described", (_file, text) => {
    const undescribed = text.split("\n").filter((line) => line.startsWith("| `") && line.endsWith("|  |"));
    expect(undescribed).toEqual([]);
  });
});
