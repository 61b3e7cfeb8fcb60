// The part of GitHub Actions' expression language that our workflows use: `${{ … }}` in strings,
// and `if:` conditions. Anything else (an unknown function, an undefined `vars`/`secrets` name)
// throws, so a workflow change the tests cannot follow fails them instead of being skipped.

export type Context = Record<string, unknown>;

/** Status functions see the outcome of the job so far. */
export interface StatusView {
  failed: boolean;
}

type Token = { kind: "string" | "number" | "name" | "op"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:'((?:[^']|'')*)'|(\d+(?:\.\d+)?)|([A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)*)|(==|!=|&&|\|\||[!(),]))\s*/y;
  const text = source.trim();
  while (pattern.lastIndex < text.length) {
    const match = pattern.exec(text);
    if (!match) throw new Error(`cannot parse expression: ${source}`);
    if (match[1] !== undefined) tokens.push({ kind: "string", text: match[1].replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: "number", text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: "name", text: match[3] });
    else tokens.push({ kind: "op", text: match[4] });
  }
  return tokens;
}

const truthy = (value: unknown) => value !== undefined && value !== null && value !== false && value !== 0 && value !== "";

export function evaluate(source: string, context: Context, status: StatusView = { failed: false }): unknown {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const take = (text?: string) => {
    const token = tokens[position++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? "a token"} in expression: ${source}`);
    return token;
  };

  const lookup = (path: string): unknown => {
    const [root, ...rest] = path.split(".");
    if (!(root in context)) throw new Error(`unknown context "${root}" in expression: ${source}`);
    let value: unknown = context[root];
    for (const [index, key] of rest.entries()) {
      if (value === undefined || value === null) return undefined;
      const container = value as Record<string, unknown>;
      if ((root === "vars" || root === "secrets") && index === 0 && !(key in container)) {
        throw new Error(`${root}.${key} is used by the workflow but not provided by the test`);
      }
      value = container[key];
    }
    return value;
  };

  const call = (name: string, args: unknown[]): unknown => {
    switch (name) {
      case "success":
        return !status.failed;
      case "failure":
        return status.failed;
      case "always":
        return true;
      case "cancelled":
        return false;
      case "format":
        return String(args[0]).replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index) + 1] ?? ""));
      default:
        throw new Error(`function ${name}() is not supported by the test runner: ${source}`);
    }
  };

  const primary = (): unknown => {
    const token = take();
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    if (token.kind === "op" && token.text === "(") {
      const value = or();
      take(")");
      return value;
    }
    if (token.kind === "op" && token.text === "!") return !truthy(primary());
    if (token.kind === "name") {
      if (token.text === "true") return true;
      if (token.text === "false") return false;
      if (token.text === "null") return null;
      if (peek()?.text === "(") {
        take("(");
        const args: unknown[] = [];
        while (peek()?.text !== ")") {
          args.push(or());
          if (peek()?.text === ",") take(",");
        }
        take(")");
        return call(token.text, args);
      }
      return lookup(token.text);
    }
    throw new Error(`unexpected "${token.text}" in expression: ${source}`);
  };
  const comparison = (): unknown => {
    const left = primary();
    const op = peek()?.text;
    if (op !== "==" && op !== "!=") return left;
    take();
    const right = primary();
    const equal = typeof left === "string" && typeof right === "string" ? left.toLowerCase() === right.toLowerCase() : left === right;
    return op === "==" ? equal : !equal;
  };
  const and = (): unknown => {
    let value = comparison();
    while (peek()?.text === "&&") {
      take();
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  function or(): unknown {
    let value = and();
    while (peek()?.text === "||") {
      take();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  }

  const value = or();
  if (position !== tokens.length) throw new Error(`unexpected "${tokens[position].text}" in expression: ${source}`);
  return value;
}

/** Replaces every `${{ … }}` in a string; other values pass through unchanged. */
export function interpolate<T>(value: T, context: Context): T {
  if (typeof value === "string") {
    return value.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
      const result = evaluate(expression, context);
      return result === undefined || result === null ? "" : String(result);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, context)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, context)])) as T;
  }
  return value;
}

/** An `if:` condition: a bare expression or one wrapped in `${{ }}`; success() when absent. */
export function condition(source: string | boolean | undefined, context: Context, status: StatusView): boolean {
  if (source === undefined) return !status.failed;
  if (typeof source === "boolean") return source;
  const expression = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  const usesStatus = /\b(success|failure|always|cancelled)\(\)/.test(expression);
  const result = truthy(evaluate(expression, context, status));
  // As in GitHub: without a status function, success() is implied.
  return usesStatus ? result : result && !status.failed;
}
