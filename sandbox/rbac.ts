// Lookups and database behaviours shared by the API resource, scope and role routes: the
// find-by-id 404, the slonik error mappings (koa-slonik-error-handler.ts) and row updates.
import { RequestError } from './errors';
import type { Store } from './store';

/** `buildFindEntityByIdWithPool` (packages/core/src/database/find-entity-by-id.ts). */
export const notExistsWithId = (table: string, id: string) =>
  new RequestError({ code: 'entity.not_exists_with_id', name: table, id, status: 404 });

/** An update that matched no row (`UpdateError`): named by the table's singular. */
export const notExists = (tableSingular: string) =>
  new RequestError({ code: 'entity.not_exists', name: tableSingular, status: 404 });

/** A delete that removed no row (`DeletionError`). */
export const notFound = () => new RequestError({ code: 'entity.not_found', status: 404 });

/** slonik's `InvalidInputError`: an empty `set` list, or a value its column type rejects. */
export const invalidInput = () => new RequestError({ code: 'entity.invalid_input', status: 422 });

/** A failed check constraint, like `applications_roles__role_type`. */
export const dbConstraintViolated = () =>
  new RequestError({ code: 'entity.db_constraint_violated', status: 422 });

/** A unique violation Logto does not map (a relation inserted twice in one request): 500. */
export const unmappedUniqueViolation = (constraint: string) =>
  new Error(`duplicate key value violates unique constraint "${constraint}"`);

export const findOrThrow = <T>(row: T | undefined, table: string, id: string): T => {
  if (!row) {
    throw notExistsWithId(table, id);
  }
  return row;
};

/**
 * `updateWhere` with `set`: keys sent as undefined are left out, and nothing left to set is
 * invalid input. The row is updated in place and moves to the end of its table.
 */
export const updateRow = <T extends Record<string, unknown>>(
  store: Store,
  rows: T[],
  row: T,
  set: Partial<T>
): T => {
  const entries = Object.entries(set).filter(([, value]) => value !== undefined);
  if (entries.length === 0) {
    throw invalidInput();
  }
  Object.assign(row, Object.fromEntries(entries));
  store.touch(rows, row);
  return row;
};

/** `accessTokenTtl` is a `bigint` column: a fraction is invalid input, past int8 it overflows. */
export const assertBigint = (value: number | undefined) => {
  if (value === undefined) {
    return;
  }
  if (!Number.isInteger(value) || /e/i.test(String(value))) {
    throw invalidInput();
  }
  if (!Number.isSafeInteger(value) && Math.abs(value) >= 2 ** 63) {
    throw new Error('bigint out of range');
  }
};
