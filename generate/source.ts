// TypeScript source as a person would write it: object literals with bare keys where they can
// be, short lists and objects on one line, two-space indents, trailing commas.

/** A piece of code placed as is (a variable, a call), not as a value. */
export class Code {
  constructor(readonly text: string) {}
}

export const code = (text: string) => new Code(text);

const lineWidth = 100;
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (name: string) => (identifier.test(name) ? name : JSON.stringify(name));

/** `value` as a TypeScript expression, its continuation lines indented by `indent`. */
export function literal(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => literal(item, inner))
    : Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .map(([name, item]) => `${key(name)}: ${literal(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const oneLine = `${open}${entries.join(", ")}${close}`;
  if (!oneLine.includes("\n") && indent.length + oneLine.length <= lineWidth) return oneLine;
  return `${open.trim()}\n${entries.map((entry) => `${inner}${entry},`).join("\n")}\n${indent}${close.trim()}`;
}

/**
 * A camelCase variable name from a display name and what it is (`"Acme SSO"`, `"sso"` →
 * `acmeSso`; `"Shop"`, `"app"` → `shopApp`), unique within `taken` (which it extends).
 */
export function variableName(name: string, taken: Set<string>, kind = ""): string {
  const wordsOf = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/[^A-Za-z0-9]+/g, " ")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => word.toLowerCase());
  const words = wordsOf(name);
  const kindWords = wordsOf(kind);
  const endsWithKind = kindWords.length > 0 && words.slice(-kindWords.length).join(" ") === kindWords.join(" ");
  const all = endsWithKind ? words : [...words, ...kindWords];
  const fallback = kindWords.join("") || "item";
  let base = all.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join("") || fallback;
  if (/^[0-9]/.test(base) || reserved.has(base)) base = `${fallback}${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  let candidate = base;
  for (let count = 2; taken.has(candidate); count++) candidate = `${base}${count}`;
  taken.add(candidate);
  return candidate;
}

const reserved = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await config pulumi".split(" "),
);
