// Logto's koa-pagination: `page` (1-based) and `page_size` (default 20, max 100), answered with
// `Total-Number` and `Link` headers. Optional pagination is off when neither parameter is sent.
import { RequestError } from './errors';
import { queryObject } from './http';

export type Pagination = { disabled: boolean; page: number; pageSize: number };

const defaultPageSize = 20;
const maxPageSize = 100;

const parsePositiveInteger = (value: string, max = Number.POSITIVE_INFINITY) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0 || number > max) {
    throw new RequestError({ code: 'guard.invalid_pagination', status: 400 });
  }
  return number;
};

export const readPagination = (url: URL, { isOptional }: { isOptional: boolean }): Pagination => {
  const page = url.searchParams.get('page');
  const pageSize = url.searchParams.get('page_size');
  return {
    disabled: isOptional && page === null && pageSize === null,
    page: page ? parsePositiveInteger(page) : 1,
    pageSize: pageSize ? parsePositiveInteger(pageSize, maxPageSize) : defaultPageSize,
  };
};

/** `query-string`'s stringify as used by Logto's `buildLink`: sorted keys, strict encoding. */
const stringifyQuery = (query: Record<string, string | string[] | number>) =>
  Object.keys(query)
    .sort()
    .flatMap((key) => {
      const value = query[key]!;
      return (Array.isArray(value) ? value : [value]).map(
        (item) =>
          `${encodeURIComponent(key)}=${encodeURIComponent(String(item)).replace(
            /[!'()*]/g,
            (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
          )}`
      );
    })
    .join('&');

const buildLink = (url: URL, page: number, rel: string) =>
  `<${url.origin}${url.pathname}?${stringifyQuery({ ...queryObject(url), page })}>; rel="${rel}"`;

export const paginate = <T>(
  items: T[],
  pagination: Pagination,
  url: URL
): { items: T[]; headers: Record<string, string | string[]> } => {
  if (pagination.disabled) {
    return { items, headers: {} };
  }
  const { page, pageSize } = pagination;
  const totalPage = Math.ceil(items.length / pageSize) || 1;
  const links = [buildLink(url, 1, 'first'), buildLink(url, totalPage, 'last')];
  if (page > 1) {
    links.push(buildLink(url, page - 1, 'prev'));
  }
  if (page < totalPage) {
    links.push(buildLink(url, page + 1, 'next'));
  }
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    headers: { 'Total-Number': String(items.length), Link: links },
  };
};
