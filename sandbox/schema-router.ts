// What the organization routes share from Logto's generic SchemaRouter and SchemaQueries
// (packages/core/src/utils/SchemaRouter.ts, SchemaQueries.ts): `updateById`, the `order by name`
// of the template's lists and the relation routes of `addRelationRoutes`.
import type { ZodTypeAny } from 'zod';

import type { SandboxContext } from './context';
import { assertThat } from './errors';
import { guardBody, guardResponse } from './guard';
import { json, noContent, type Route } from './http';
import { paginate, readPagination } from './pagination';
import { invalidInput, notExists, updateRow } from './rbac';
import {
  deleteRelations,
  insertRelations,
  relationRows,
  replaceRelations,
  type RelationIds,
  type RelationTable,
} from './relations';
import type { Store } from './store';

/**
 * `SchemaQueries.updateById` (`updateWhere` with `jsonbMode: 'replace'`): nothing to set is
 * invalid input before any row is looked for; no row updated is 404 `entity.not_exists` named by
 * the table's singular. `assertUnique` runs on a row that exists, as a unique index would.
 */
export const updateById = <T extends Record<string, unknown>>(
  store: Store,
  rows: T[],
  row: T | undefined,
  set: Partial<T>,
  tableSingular: string,
  assertUnique?: (row: T) => void
): T => {
  assertThat(
    Object.values(set).some((value) => value !== undefined),
    invalidInput()
  );
  assertThat(row, notExists(tableSingular));
  assertUnique?.(row);
  return updateRow(store, rows, row, set);
};

/**
 * `order by name asc` of the organization scope and role queries, in the database's `en_US.utf8`
 * collation (case and punctuation weigh less than letters), not code-point order.
 */
const collator = new Intl.Collator('en');
export const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

export type RelationRoutesConfig<Row extends { tenantId: string }> = {
  context: SandboxContext;
  /** The router's prefix, from its table: `/api/organization-roles`. */
  prefix: string;
  /** The relation's path under `/:id/`. */
  pathname: string;
  table: RelationTable<Row>;
  /** camelCase `<tableSingular>Id` of the router's schema and of the related one. */
  schemaId: keyof RelationIds<Row> & string;
  relationSchemaId: keyof RelationIds<Row> & string;
  /** `this.queries.findById` of the router: throws its 404 for a missing entity. */
  findById: (id: string) => unknown;
  /** The related table's row for an id (the join of `getEntities`). */
  findRelated: (id: string) => object | undefined;
  /** The related schema's guard, which the GET answers with. */
  relatedGuard: ZodTypeAny;
  isPaginationOptional?: boolean;
  disabled?: { get?: boolean };
};

/**
 * `addRelationRoutes`: GET `/:id/<pathname>` (the entity must exist), POST `{ <relationSchemaId>s:
 * nonempty }` → 201 `Created` (idempotent), PUT `{ <relationSchemaId>s }` → 204 (replaces the set,
 * atomically) and DELETE `/:id/<pathname>/:<relationSchemaId>` → 204. The POST, PUT and DELETE do
 * not look the entity up: the foreign keys answer for it.
 */
export const relationRoutes = <Row extends { tenantId: string }>(
  config: RelationRoutesConfig<Row>
): Route[] => {
  const { context, prefix, pathname, table, schemaId, relationSchemaId } = config;
  const { store, modules } = context;
  const { z } = modules;
  const idsKey = `${relationSchemaId}s`;
  const path = `${prefix}/:id/${pathname}`;
  const idsGuard = z.string().min(1).array();
  const rowOf = (id: string, relationId: string) =>
    ({ [schemaId]: id, [relationSchemaId]: relationId }) as RelationIds<Row>;
  const ownRows = (id: string) => ({ [schemaId]: id }) as Partial<RelationIds<Row>>;

  const get: Route = {
    method: 'GET',
    path,
    handler: async (request) => {
      const id = request.params.id!;
      const pagination = readPagination(request, {
        isOptional: config.isPaginationOptional ?? false,
      });
      config.findById(id);
      const entities = relationRows(table, ownRows(id)).flatMap((row) => {
        const related = config.findRelated(String((row as Record<string, unknown>)[relationSchemaId]));
        return related ? [related] : [];
      });
      const { items, headers } = paginate(entities, pagination, request);
      return json(200, guardResponse(config.relatedGuard.array(), items), headers);
    },
  };

  return [
    ...(config.disabled?.get ? [] : [get]),
    {
      method: 'POST',
      path,
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, z.object({ [idsKey]: idsGuard.nonempty() }));
        const relationIds = body[idsKey] as string[];
        insertRelations(
          table,
          relationIds.map((relationId) => rowOf(id, relationId))
        );
        store.save();
        return { status: 201, text: 'Created' };
      },
    },
    {
      method: 'PUT',
      path,
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, z.object({ [idsKey]: idsGuard }));
        const relationIds = body[idsKey] as string[];
        replaceRelations(
          table,
          ownRows(id),
          relationIds.map((relationId) => rowOf(id, relationId))
        );
        store.save();
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: `${path}/:${relationSchemaId}`,
      handler: async ({ params }) => {
        deleteRelations(table, rowOf(params.id!, params[relationSchemaId]!));
        store.save();
        return noContent();
      },
    },
  ];
};
