// Reference pages generated from the resources' zod schemas: each field's description lives in
// its schema (`.describe()`), so the docs cannot drift from the checks. `npm run docs` writes
// them; test/docs/reference.test.ts fails when the committed pages differ from the schemas.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { customPhraseArgsSchema } from "../resources/custom-phrase/schema";
import { signInExperienceArgsSchema } from "../resources/sign-in-experience/schema";

interface Page {
  file: string;
  title: string;
  intro: string;
  schema: z.ZodTypeAny;
}

const pages: Page[] = [
  {
    file: "sign-in-experience.md",
    title: "`logto:SignInExperience`",
    intro:
      "Logto's sign-in experience, a singleton. The resource owns only the fields it is given: other fields are never sent, and delete puts back the values its fields had before. " +
      "Every field is checked at preview with Logto's own rules; values are kept in the form Logto stores them (an empty link is `null`, a password policy part gets its defaults).",
    schema: signInExperienceArgsSchema,
  },
  {
    file: "custom-phrase.md",
    title: "`logto:CustomPhrase`",
    intro:
      "The sign-in page's wording for one language (Logto's custom phrases). Phrases the language had before are taken over and put back on delete; " +
      "those of the fallback language, which Logto refuses to remove, are emptied instead.",
    schema: customPhraseArgsSchema,
  },
];

interface Row {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** Peels optional, nullable, default and effect wrappers, noting what they say. */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean; nullable: boolean; description?: string } {
  let inner = schema;
  let optional = false;
  let nullable = false;
  let description = schema.description;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) optional = true;
    if (inner instanceof z.ZodNullable) nullable = true;
    const next =
      inner instanceof z.ZodOptional || inner instanceof z.ZodNullable
        ? inner.unwrap()
        : inner instanceof z.ZodDefault
          ? inner._def.innerType
          : inner instanceof z.ZodEffects
            ? inner.innerType()
            : inner instanceof z.ZodLazy
              ? inner.schema
              : undefined;
    if (!next) return { inner, optional, nullable, description };
    inner = next;
    description ??= inner.description;
  }
}

function typeOf(schema: z.ZodTypeAny): string {
  const { inner, nullable } = unwrap(schema);
  const type = (() => {
    if (inner instanceof z.ZodString) return "string";
    if (inner instanceof z.ZodNumber) return inner.isInt ? "integer" : "number";
    if (inner instanceof z.ZodBoolean) return "boolean";
    if (inner instanceof z.ZodLiteral) return JSON.stringify(inner.value);
    if (inner instanceof z.ZodEnum) return (inner.options as string[]).map((option) => `\`${option}\``).join(" \\| ");
    if (inner instanceof z.ZodArray) return `list of ${typeOf(inner.element)}`;
    if (inner instanceof z.ZodRecord) return `map of ${typeOf(inner.valueSchema)}`;
    if (inner instanceof z.ZodObject) return "object";
    if (inner instanceof z.ZodUnion) return (inner.options as z.ZodTypeAny[]).map(typeOf).join(" or ");
    return "value";
  })();
  return nullable ? `${type} or null` : type;
}

function rowsOf(schema: z.ZodTypeAny, prefix = ""): Row[] {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodTypeAny>).flatMap(([key, field]) => {
    const { inner: fieldInner, optional, description } = unwrap(field);
    const name = `${prefix}${key}`;
    const row = { name, type: typeOf(field), required: !optional, description: description ?? "" };
    const elements = fieldInner instanceof z.ZodArray ? fieldInner.element : fieldInner;
    return [row, ...rowsOf(elements, fieldInner instanceof z.ZodArray ? `${name}[].` : `${name}.`)];
  });
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function render(page: Page): string {
  const rows = rowsOf(page.schema);
  return [
    `# ${page.title}`,
    "",
    "<!-- Generated from the zod schemas by scripts/reference-docs.ts (npm run docs): edit the schemas' .describe(), not this file. -->",
    "",
    page.intro,
    "",
    "| Input | Type | Required | Description |",
    "|---|---|---|---|",
    ...rows.map((row) => `| \`${row.name}\` | ${row.type.includes("`") ? row.type : cell(row.type)} | ${row.required ? "yes" : "no"} | ${cell(row.description)} |`),
    "",
  ].join("\n");
}

export const referenceDirectory = path.join(__dirname, "..", "docs", "reference");

/** Each page's file name and text. */
export function referencePages(): Array<{ file: string; text: string }> {
  return pages.map((page) => ({ file: page.file, text: render(page) }));
}

if (require.main === module) {
  fs.mkdirSync(referenceDirectory, { recursive: true });
  for (const { file, text } of referencePages()) fs.writeFileSync(path.join(referenceDirectory, file), text);
  console.log(`wrote ${pages.length} pages to docs/reference/`);
}
