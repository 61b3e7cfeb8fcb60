// Logto's search query parameters (packages/core/src/utils/search.ts): `search` / `search.<field>`
// values, `mode` / `mode.<field>` (`like` by default, `exact`, `similar_to`, `posix`), `joint`
// (`or` by default) and `isCaseSensitive`, turned into SQL conditions on the given columns.
import { RequestError } from './errors';

type MatchMode = 'exact' | 'like' | 'similar_to' | 'posix';
type SearchItem = { mode: MatchMode; field?: string; values: string[] };
export type Search = { matches: SearchItem[]; joint: 'and' | 'or'; isCaseSensitive: boolean };

const matchModes: readonly string[] = ['exact', 'like', 'similar_to', 'posix'];
const jointModes: readonly string[] = ['and', 'or'];

const isTrue = (value: string) => ['1', 'true', 'y', 'yes', 'yep', 'yeah'].includes(value.toLowerCase());

/** Routes turn the parser's TypeErrors into 400 `request.invalid_input` with the message as details. */
const invalidSearch = (message: string) => {
  const error = new TypeError(message);
  return new RequestError({ code: 'request.invalid_input', details: message }, error);
};

const searchField = (key: string) => {
  const path = key.split('.');
  if (path.length > 2) {
    throw invalidSearch(
      `Unsupported nested search field path \`${path.slice(1).join('.')}\` detected. Only the first level field is supported.`
    );
  }
  return path[1];
};

export const parseSearch = (searchParams: URLSearchParams): Search => {
  const joint = searchParams.get('joint') ?? searchParams.get('jointMode') ?? 'or';
  if (!jointModes.includes(joint)) {
    throw invalidSearch(
      `Search joint mode \`${joint}\` is not valid, expect one of ${jointModes.join(', ')}.`
    );
  }
  const modes = new Map<string | undefined, MatchMode>();
  const values = new Map<string | undefined, string[]>();
  for (const [key, value] of searchParams) {
    if (key.startsWith('mode')) {
      const field = searchField(key);
      if (!matchModes.includes(value)) {
        throw invalidSearch(
          `Search match mode \`${value}\`${field ? ` for field \`${field}\`` : ''} is not valid, expect one of ${matchModes.join(', ')}.`
        );
      }
      modes.set(field, value as MatchMode);
    } else if (key.startsWith('search')) {
      const field = searchField(key);
      values.set(field, [...(values.get(field) ?? []), value]);
    }
  }

  const matches = [...values].map(([field, fieldValues]): SearchItem => {
    const mode = modes.get(field) ?? modes.get(undefined) ?? 'like';
    if (mode === 'exact') {
      if (!fieldValues.every(Boolean)) {
        throw invalidSearch('Search value cannot be empty.');
      }
    } else if (fieldValues.length !== 1) {
      throw invalidSearch('Only one search value is allowed when search mode is not `exact`.');
    } else if (!fieldValues[0]) {
      throw invalidSearch('Search value cannot be empty.');
    }
    return { mode, field, values: fieldValues };
  });

  return {
    matches,
    joint: joint as Search['joint'],
    isCaseSensitive: isTrue(searchParams.get('isCaseSensitive') ?? 'false'),
  };
};

const escapeRegExp = (text: string) => text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');

/** SQL `LIKE`: `%` is any run, `_` any character, a backslash escapes the next character. */
const likeToRegExp = (pattern: string, flags: string) => {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern[index]!);
    } else {
      source += char === '%' ? '.*' : char === '_' ? '.' : escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, `s${flags}`);
};

/** SQL `SIMILAR TO`: a regular expression anchored at both ends, with `%` and `_` as in LIKE. */
const similarToRegExp = (pattern: string) =>
  new RegExp(`^(?:${pattern.replace(/(?<!\\)%/g, '.*').replace(/(?<!\\)_/g, '.')})$`, 's');

const camelCase = (field: string) => field.replace(/_([a-z])/g, (_, char: string) => char.toUpperCase());
const snakeCase = (field: string) => field.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

/**
 * `buildConditionsFromSearch`: each match ORs its value over its field, or over every search
 * field when it names none; the matches are joined by `joint`. `fields` are the row keys.
 */
export const searchFilter = <Row extends Record<string, unknown>>(
  search: Search,
  fields: Array<keyof Row & string>
): ((row: Row) => boolean) => {
  if (search.matches.length === 0) {
    return () => true;
  }
  const { isCaseSensitive, joint } = search;
  const columns = fields.map(snakeCase);
  const tests = search.matches.map(({ mode, field, values }) => {
    const column = field && snakeCase(field);
    if (column && !columns.includes(column)) {
      throw invalidSearch(
        `Search field \`${column}\` is not valid, expect one of ${columns.join(', ')}.`
      );
    }
    const keys = column ? [camelCase(column)] : fields;
    let test: (text: string) => boolean;
    if (mode === 'exact') {
      const wanted = isCaseSensitive ? values : values.map((value) => value.toLowerCase());
      test = (text) => wanted.includes(isCaseSensitive ? text : text.toLowerCase());
    } else if (mode === 'like') {
      const pattern = likeToRegExp(values[0]!, isCaseSensitive ? '' : 'i');
      test = (text) => pattern.test(text);
    } else if (mode === 'similar_to') {
      if (!isCaseSensitive) {
        throw invalidSearch('Cannot use case-insensitive match for `similar to`.');
      }
      const pattern = similarToRegExp(values[0]!);
      test = (text) => pattern.test(text);
    } else {
      const pattern = new RegExp(values[0]!, isCaseSensitive ? '' : 'i');
      test = (text) => pattern.test(text);
    }
    // A NULL column matches nothing.
    return (row: Row) =>
      keys.some((key) => {
        const value = row[key];
        return value !== null && value !== undefined && test(String(value));
      });
  });
  return (row) => (joint === 'and' ? tests.every((test) => test(row)) : tests.some((test) => test(row)));
};

/**
 * The `q` keyword of SchemaRouter lists (`parseSearchOptions` and `buildSearchSql`,
 * packages/core/src/utils/search.ts and database/utils.ts): `<field> ilike '%<q>%'` over the
 * fields, joined by `or`. `%` and `_` in `q` stay wildcards; an empty `q` searches nothing.
 */
export const keywordFilter = <Row extends Record<string, unknown>>(
  q: string | undefined,
  fields: Array<keyof Row & string>
): ((row: Row) => boolean) => {
  if (!q) {
    return () => true;
  }
  const pattern = likeToRegExp(`%${q}%`, 'i');
  return (row) =>
    fields.some((field) => {
      const value = row[field];
      return value !== null && value !== undefined && pattern.test(String(value));
    });
};
