import type { Request, Response } from 'express';
import { compileConditions, ConditionsError } from './connectwise.conditions';
import type { KnownFields } from './connectwise.fields';
import type { Json } from './connectwise.state';
import type { ErrorBody } from './connectwise.types';

/** How ConnectWise answers list endpoints: page/pageSize, conditions, orderBy, fields, a Link header, /count. */

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;

export const errorBody = (code: string, message: string): ErrorBody => ({ code, message, errors: null });
export const notFound = () => errorBody('NotFound', 'The requested resource was not found.');

/** A query parameter ConnectWise cannot use: 400 InvalidObject naming the parameter and the resource. */
export const queryError = (message: string, field: string, resource: string): ErrorBody => ({
  code: 'InvalidObject',
  message,
  errors: [{ code: 'InvalidField', message, resource, field }],
});

function firstQueryValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstQueryValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** ConnectWise treats query parameter names case-insensitively (pageSize, pagesize, PageSize...). */
export function query(req: Request): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    const first = firstQueryValue(value);
    if (first !== undefined && result[key.toLowerCase()] === undefined) result[key.toLowerCase()] = first;
  }
  return result;
}

export function parseId(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export function project(record: Json, fields: string | undefined): Json {
  if (!fields) return record;
  const result: Json = {};
  for (const field of fields
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const path = field.split('/');
    let source: unknown = record;
    let target = result;
    path.forEach((segment, index) => {
      if (typeof source !== 'object' || source === null) return;
      const value = (source as Json)[segment];
      if (value === undefined) return;
      if (index === path.length - 1) target[segment] = value;
      else {
        target[segment] = target[segment] ?? {};
        target = target[segment] as Json;
        source = value;
      }
    });
  }
  return result;
}

function sortRecords(records: Json[], orderBy: string | undefined): Json[] {
  const [field, direction] = (orderBy ?? 'id asc').trim().split(/\s+/);
  const path = field.split('/');
  const read = (record: Json) => path.reduce<unknown>((value, key) => (value as Json | undefined)?.[key], record);
  const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
  return [...records].sort((a, b) => {
    const left = read(a);
    const right = read(b);
    if (left === right) return 0;
    if (left === undefined || left === null) return -sign;
    if (right === undefined || right === null) return sign;
    return (left < right ? -1 : 1) * sign;
  });
}

class OrderByError extends ConditionsError {}

/** Conditions and orderBy against the resource's fields; a ConditionsError when either cannot be used. */
function select(params: Record<string, string>, records: Json[], fields: KnownFields): Json[] {
  const matches = compileConditions(params.conditions, fields);
  const orderField = (params.orderby ?? '').trim().split(/\s+/)[0];
  if (orderField && !fields.has(orderField)) {
    throw new OrderByError(`Unknown field '${orderField}' in orderBy.`);
  }
  return records.filter(matches);
}

function refuse(res: Response, error: ConditionsError, fields: KnownFields): void {
  const parameter = error instanceof OrderByError ? 'orderBy' : 'conditions';
  res.status(400).json(queryError(error.message, parameter, fields.resource));
}

/** page/pageSize, conditions, orderBy, fields; sets the Link header with first/prev/next/last. */
export function sendList(req: Request, res: Response, records: Json[], fields: KnownFields): void {
  const params = query(req);
  const pageSizeText = params.pagesize;
  const pageText = params.page;
  if (pageSizeText !== undefined && !/^\d{1,9}$/.test(pageSizeText)) {
    res.status(400).json(queryError('pageSize must be a positive integer.', 'pageSize', fields.resource));
    return;
  }
  if (pageText !== undefined && !/^[1-9]\d{0,8}$/.test(pageText)) {
    res.status(400).json(queryError('page must be a positive integer.', 'page', fields.resource));
    return;
  }
  const pageSize = Math.min(Math.max(Number(pageSizeText ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const page = Number(pageText ?? 1);
  let filtered: Json[];
  try {
    filtered = sortRecords(select(params, records, fields), params.orderby);
  } catch (error) {
    if (error instanceof ConditionsError) {
      refuse(res, error, fields);
      return;
    }
    throw error;
  }
  const lastPage = Math.max(1, Math.ceil(filtered.length / pageSize));
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`);
  const pageUrl = (number: number) => {
    const copy = new URL(url);
    for (const key of [...copy.searchParams.keys()]) {
      if (key.toLowerCase() === 'page' || key.toLowerCase() === 'pagesize') copy.searchParams.delete(key);
    }
    copy.searchParams.set('pageSize', String(pageSize));
    copy.searchParams.set('page', String(number));
    return copy.toString();
  };
  const links = [`<${pageUrl(1)}>; rel="first"`];
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`);
  links.push(`<${pageUrl(lastPage)}>; rel="last"`);
  res.set('Link', links.join(', '));
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);
  res.json(slice.map((record) => project(record, params.fields)));
}

export function sendCount(req: Request, res: Response, records: Json[], fields: KnownFields): void {
  const params = query(req);
  try {
    res.json({ count: select(params, records, fields).length });
  } catch (error) {
    if (error instanceof ConditionsError) {
      refuse(res, error, fields);
      return;
    }
    throw error;
  }
}
