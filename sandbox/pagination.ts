// Logto's koa-pagination (packages/core/src/middleware/koa-pagination.ts) and its `buildLink`
// (packages/core/src/utils/pagination.ts): `page` (1-based) and `page_size` (default 20, max 100),
// answered with `Total-Number` and one `Link` header line per rel. Optional pagination is off when
// neither parameter is sent.
import { RequestError } from './errors';
import { queryObject, type SandboxRequest } from './http';

export type Pagination = { disabled: boolean; page: number; pageSize: number };

const defaultPageSize = 20;
const maxPageSize = 100;

/** Logto mounts the Management API router under `/api` (koa-mount): `ctx.path` lacks the prefix. */
const managementApiPrefix = '/api';

const invalidPagination = () => new RequestError({ code: 'guard.invalid_pagination', status: 400 });

/** `number().positive()` (and `.max()`) of zod on `Number(value)`: fractions pass, NaN does not. */
const parsePositive = (value: unknown, max = Number.POSITIVE_INFINITY) => {
  const number = Number(value);
  if (Number.isNaN(number) || number <= 0 || number > max) {
    throw invalidPagination();
  }
  return number;
};

export const readPagination = (
  request: Pick<SandboxRequest, 'url'>,
  { isOptional }: { isOptional: boolean }
): Pagination => {
  // koa's `ctx.request.query`: a repeated key is an array, which `Number()` turns into NaN.
  const { page, page_size: pageSize } = queryObject(request.url);
  return {
    // Empty values count as absent, like Logto's `!rawPageNumber && !rawPageSize`.
    disabled: isOptional && !page && !pageSize,
    page: page ? parsePositive(page) : 1,
    pageSize: pageSize ? parsePositive(pageSize, maxPageSize) : defaultPageSize,
  };
};

/**
 * `<${ctx.request.origin}${ctx.request.path}?${new URLSearchParams({ ...ctx.request.query, page })}>`:
 * the origin comes from the Host header, the path has no `/api`, the query keeps its order (an
 * existing `page` stays where it was) and a repeated key is joined with commas.
 */
const buildLink = (request: Pick<SandboxRequest, 'url' | 'headers'>, page: number, rel: string) => {
  const { url, headers } = request;
  const origin = headers.host ? `${url.protocol}//${headers.host}` : url.origin;
  const path = url.pathname.startsWith(`${managementApiPrefix}/`)
    ? url.pathname.slice(managementApiPrefix.length)
    : url.pathname;
  const query = Object.fromEntries(
    Object.entries({ ...queryObject(url), page: String(page) }).map(([key, value]) => [
      key,
      String(value),
    ])
  );
  return `<${origin}${path}?${new URLSearchParams(query).toString()}>; rel="${rel}"`;
};

/**
 * The page of `items` and the headers koa-pagination appends after the route ran: `first` and
 * `last` always, then `prev` and `next` when they exist, each its own `Link` header line.
 */
export const paginate = <T>(
  items: T[],
  pagination: Pagination,
  request: Pick<SandboxRequest, 'url' | 'headers'>
): { items: T[]; headers: Record<string, string | string[]> } => {
  if (pagination.disabled) {
    return { items, headers: {} };
  }
  const { page: pageNumber, pageSize: limit } = pagination;
  const offset = (pageNumber - 1) * limit;
  // `limit` and `offset` are bound as SQL bigint parameters: a fraction is invalid input there.
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset)) {
    throw new RequestError({ code: 'entity.invalid_input', status: 422 });
  }
  const totalPage = Math.ceil(items.length / limit) || 1;
  const page = Math.floor(offset / limit) + 1;
  const links = [buildLink(request, 1, 'first'), buildLink(request, totalPage, 'last')];
  if (page > 1) {
    links.push(buildLink(request, page - 1, 'prev'));
  }
  if (page < totalPage) {
    links.push(buildLink(request, page + 1, 'next'));
  }
  return {
    items: items.slice(offset, offset + limit),
    headers: { 'Total-Number': String(items.length), Link: links },
  };
};
