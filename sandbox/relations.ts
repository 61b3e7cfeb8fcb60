// Logto's RelationQueries (packages/core/src/utils/RelationQueries.ts) on the sandbox's relation
// tables, whose primary key is every id column, and the errors the organization routers'
// `errorHandler` (packages/core/src/routes/organization/utils.ts) makes of the database's: a
// unique violation is 422 `entity.unique_integrity_violation`, a missing foreign key 422
// `entity.relation_foreign_key_not_found`.
import { assertThat, RequestError } from './errors';
import { dbConstraintViolated, notFound } from './rbac';
import { tenantId, type Store, type StoreState } from './store';

export const uniqueIntegrityViolation = () =>
  new RequestError({ code: 'entity.unique_integrity_violation', status: 422 });

export const foreignKeyNotFound = () =>
  new RequestError({ code: 'entity.relation_foreign_key_not_found', status: 422 });

/** A `varchar(n)` column given a longer value (`StringDataRightTruncation`). */
export const valueTooLong = () => new RequestError({ code: 'entity.value_too_long', status: 422 });

type RelationRow = { tenantId: string };
/** A relation row as the routes name it: its id columns. */
export type RelationIds<Row extends RelationRow> = Omit<Row, 'tenantId'>;

export type RelationTable<Row extends RelationRow> = {
  /** The rows, read on each use: the store replaces its arrays. */
  rows: () => Row[];
  setRows: (rows: Row[]) => void;
  /** `varchar(n)` of each column: a longer value fails before any constraint is checked. */
  lengths: Partial<Record<keyof RelationIds<Row> & string, number>>;
  /** The foreign keys: whether the rows a row references exist. */
  references: Array<(row: RelationIds<Row>) => boolean>;
  /**
   * A check constraint such as `check_application_type(application_id, 'MachineToMachine')`: it
   * reads the referenced row, so an unknown id is SQL NULL (undefined) and passes it.
   */
  check?: (row: RelationIds<Row>) => boolean | undefined;
  /** What `on delete cascade` takes along with deleted rows. */
  onDelete?: (removed: Row[]) => void;
};

const valuesOf = (row: object) => row as Record<string, unknown>;

const isSameRow = (a: RelationRow, b: RelationRow) =>
  Object.entries(valuesOf(a)).every(([column, value]) => valuesOf(b)[column] === value);

const matches =
  <Row extends RelationRow>(where: Partial<RelationIds<Row>>) =>
  (row: Row) =>
    Object.entries(where).every(([column, value]) => valuesOf(row)[column] === value);

/** Foreign keys are checked at the end of the statement, on the rows it inserted. */
const assertReferences = <Row extends RelationRow>(table: RelationTable<Row>, rows: Row[]) => {
  for (const row of rows) {
    for (const exists of table.references) {
      assertThat(exists(row), foreignKeyNotFound());
    }
  }
};

/** A row as it goes in: its values fit their columns, then it meets the check constraint. */
const toRow = <Row extends RelationRow>(table: RelationTable<Row>, ids: RelationIds<Row>) => {
  for (const [column, length] of Object.entries(table.lengths)) {
    assertThat(String(valuesOf(ids)[column]).length <= Number(length), valueTooLong());
  }
  assertThat(table.check?.(ids) !== false, dbConstraintViolated());
  return { tenantId, ...ids } as Row;
};

/** `getEntities`' filter: the relation rows matching `where`, in table order. */
export const relationRows = <Row extends RelationRow>(
  table: RelationTable<Row>,
  where: Partial<RelationIds<Row>>
) => table.rows().filter(matches(where));

/**
 * `insert … on conflict do nothing`: each row meets the check constraint as it goes in, a row
 * already there (or sent twice) is skipped, then the foreign keys of the new rows are checked.
 */
export const insertRelations = <Row extends RelationRow>(
  table: RelationTable<Row>,
  data: Array<RelationIds<Row>>
) => {
  const rows = table.rows();
  const inserted: Row[] = [];
  for (const ids of data) {
    const row = toRow(table, ids);
    if (![...rows, ...inserted].some((other) => isSameRow(other, row))) {
      inserted.push(row);
    }
  }
  assertReferences(table, inserted);
  table.setRows([...rows, ...inserted]);
};

/** A plain `insert` (`buildInsertInto`): a row already there is a unique violation. */
export const insertRow = <Row extends RelationRow>(table: RelationTable<Row>, ids: RelationIds<Row>) => {
  const row = toRow(table, ids);
  const rows = table.rows();
  assertThat(!rows.some((other) => isSameRow(other, row)), uniqueIntegrityViolation());
  assertReferences(table, [row]);
  table.setRows([...rows, row]);
  return row;
};

/**
 * `replace` in one transaction: delete the rows matching `where`, then insert the new set with
 * no conflict clause (an id sent twice is a unique violation). Any error rolls it all back.
 */
export const replaceRelations = <Row extends RelationRow>(
  table: RelationTable<Row>,
  where: Partial<RelationIds<Row>>,
  data: Array<RelationIds<Row>>
) => {
  const rows = table.rows();
  const isReplaced = matches<Row>(where);
  const inserted: Row[] = [];
  for (const ids of data) {
    const row = toRow(table, ids);
    assertThat(!inserted.some((other) => isSameRow(other, row)), uniqueIntegrityViolation());
    inserted.push(row);
  }
  assertReferences(table, inserted);
  table.setRows([...rows.filter((row) => !isReplaced(row)), ...inserted]);
  table.onDelete?.(rows.filter(isReplaced));
};

/** `delete`: removing no row is a `DeletionError`, 404 `entity.not_found`. */
export const deleteRelations = <Row extends RelationRow>(
  table: RelationTable<Row>,
  where: Partial<RelationIds<Row>>
) => {
  const rows = table.rows();
  const removed = rows.filter(matches(where));
  assertThat(removed.length > 0, notFound());
  table.setRows(rows.filter((row) => !removed.includes(row)));
  table.onDelete?.(removed);
};

/**
 * `pool.transaction`: the tables as they were come back when `run` throws. It covers rows
 * inserted and deleted, which is all a transaction here does (updates change rows in place).
 */
export const transaction = (store: Store, run: () => void) => {
  const before = Object.fromEntries(
    Object.entries(store.state).map(([table, rows]) => [table, Array.isArray(rows) ? [...rows] : rows])
  ) as StoreState;
  try {
    run();
  } catch (error: unknown) {
    store.state = before;
    throw error;
  }
};
