import { notQueryable, queryParserError, queryValidationError, type JsonObject } from './qbo-faults';
import { isQueryable } from './qbo-properties';

/**
 * The subset of QBO's SQL-like query language the product uses (docs/vendors/quickbooks-online.md §4):
 *   select * | count(*) | f1, f2 from <Entity>
 *   [where F op value [and F op value …]]     op: = < > <= >= LIKE IN (…); no OR, like QBO
 *   [orderby F [asc|desc], …] [startposition n] [maxresults n]
 * String literals are single-quoted with `\'` as the escape. String comparison ignores case.
 */

export const QUERYABLE_ENTITIES = [
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Invoice',
  'CreditMemo',
  'Account',
  'TaxCode',
  'CompanyInfo',
] as const;
export type QueryableEntity = (typeof QUERYABLE_ENTITIES)[number];

export type QueryLiteral = string | number | boolean;
export type QueryOperator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface QueryCondition {
  field: string;
  operator: QueryOperator;
  values: QueryLiteral[];
}

export interface ParsedQuery {
  entity: QueryableEntity;
  count: boolean;
  /** Undefined for `select *`. */
  fields?: string[];
  where: QueryCondition[];
  orderBy: Array<{ field: string; descending: boolean }>;
  startPosition: number;
  maxResults: number;
}

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_LIMIT = 1000;

type TokenType = 'word' | 'string' | 'number' | 'symbol' | 'end';
interface Token {
  type: TokenType;
  value: string;
  column: number;
}

const SYMBOLS = ['<=', '>=', '!=', '<>', '=', '<', '>', '*', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const column = i + 1;
    if (ch === "'") {
      let value = '';
      i += 1;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === '\\' && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          closed = true;
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
      if (!closed)
        throw queryParserError(`Lexical error at line 1, column ${text.length + 1}. Unterminated string literal.`);
      tokens.push({ type: 'string', value, column });
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (number && (ch !== '-' || /\d/.test(text[i + 1] ?? ''))) {
      tokens.push({ type: 'number', value: number[0], column });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ type: 'word', value: word[0], column });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (symbol) {
      tokens.push({ type: 'symbol', value: symbol, column });
      i += symbol.length;
      continue;
    }
    throw queryParserError(`Lexical error at line 1, column ${column}.  Encountered: "${ch}"`);
  }
  tokens.push({ type: 'end', value: '<EOF>', column: text.length + 1 });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.type === 'word' && token.value.toLowerCase() === keyword;
  }

  isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.type === 'symbol' && token.value === symbol;
  }

  expectKeyword(keyword: string): void {
    if (!this.isKeyword(keyword)) this.fail();
    this.next();
  }

  expectSymbol(symbol: string): void {
    if (!this.isSymbol(symbol)) this.fail();
    this.next();
  }

  expectWord(): string {
    const token = this.peek();
    if (token.type !== 'word' || RESERVED.has(token.value.toLowerCase())) this.fail();
    return this.next().value;
  }

  expectInteger(): number {
    const token = this.peek();
    if (token.type !== 'number' || !/^\d+$/.test(token.value)) this.fail();
    return Number(this.next().value);
  }

  fail(): never {
    const token = this.peek();
    const shown = token.type === 'string' ? `'${token.value}'` : token.value;
    throw queryParserError(`Encountered " ${shown} " at line 1, column ${token.column}.`);
  }
}

const RESERVED = new Set(['select', 'from', 'where', 'and', 'or', 'orderby', 'order', 'startposition', 'maxresults']);

export function parseQuery(text: string): ParsedQuery {
  const parser = new Parser(tokenize(text));
  parser.expectKeyword('select');

  let count = false;
  let fields: string[] | undefined;
  if (parser.isSymbol('*')) {
    parser.next();
  } else if (parser.isKeyword('count')) {
    parser.next();
    parser.expectSymbol('(');
    parser.expectSymbol('*');
    parser.expectSymbol(')');
    count = true;
  } else {
    fields = [parser.expectWord()];
    while (parser.isSymbol(',')) {
      parser.next();
      fields.push(parser.expectWord());
    }
  }

  parser.expectKeyword('from');
  const entityToken = parser.peek();
  const entityName = parser.expectWord();
  const entity = QUERYABLE_ENTITIES.find((e) => e.toLowerCase() === entityName.toLowerCase());
  if (!entity) {
    throw queryValidationError(`value ${entityName} is not a valid entity (line 1, column ${entityToken.column})`);
  }

  const where: QueryCondition[] = [];
  if (parser.isKeyword('where')) {
    parser.next();
    where.push(parseCondition(parser));
    while (parser.isKeyword('and')) {
      parser.next();
      where.push(parseCondition(parser));
    }
  }

  const orderBy: ParsedQuery['orderBy'] = [];
  if (parser.isKeyword('orderby') || parser.isKeyword('order')) {
    if (parser.isKeyword('order')) {
      parser.next();
      parser.expectKeyword('by');
    } else {
      parser.next();
    }
    do {
      if (orderBy.length > 0) parser.next();
      const field = parser.expectWord();
      let descending = false;
      if (parser.isKeyword('desc')) {
        parser.next();
        descending = true;
      } else if (parser.isKeyword('asc')) {
        parser.next();
      }
      orderBy.push({ field, descending });
    } while (parser.isSymbol(','));
  }

  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  for (let i = 0; i < 2; i += 1) {
    if (parser.isKeyword('startposition')) {
      parser.next();
      startPosition = Math.max(1, parser.expectInteger());
    } else if (parser.isKeyword('maxresults')) {
      parser.next();
      maxResults = Math.min(MAX_RESULTS_LIMIT, parser.expectInteger());
    }
  }
  if (parser.peek().type !== 'end') parser.fail();

  // QBO validates properties once the statement parses: first the filters, then the sort keys.
  for (const { field } of [...where, ...orderBy]) {
    if (!isQueryable(entity, field)) throw notQueryable(field);
  }
  return { entity, count, fields, where, orderBy, startPosition, maxResults };
}

function parseCondition(parser: Parser): QueryCondition {
  const field = parser.expectWord();
  if (parser.isKeyword('in')) {
    parser.next();
    parser.expectSymbol('(');
    const values = [parseLiteral(parser)];
    while (parser.isSymbol(',')) {
      parser.next();
      values.push(parseLiteral(parser));
    }
    parser.expectSymbol(')');
    return { field, operator: 'IN', values };
  }
  if (parser.isKeyword('like')) {
    parser.next();
    const token = parser.peek();
    if (token.type !== 'string') parser.fail();
    parser.next();
    return { field, operator: 'LIKE', values: [token.value] };
  }
  const token = parser.peek();
  if (token.type !== 'symbol' || !['=', '<', '>', '<=', '>='].includes(token.value)) parser.fail();
  parser.next();
  return { field, operator: token.value as QueryOperator, values: [parseLiteral(parser)] };
}

function parseLiteral(parser: Parser): QueryLiteral {
  const token = parser.peek();
  if (token.type === 'string') {
    parser.next();
    return token.value;
  }
  if (token.type === 'number') {
    parser.next();
    return Number(token.value);
  }
  if (token.type === 'word' && ['true', 'false'].includes(token.value.toLowerCase())) {
    parser.next();
    return token.value.toLowerCase() === 'true';
  }
  return parser.fail();
}

/** Reads `a.b.c`; reference objects (`{value, name}`) compare by their `value`. */
export function readField(row: JsonObject, path: string): unknown {
  let current: unknown = row;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as JsonObject;
    const key = part in record ? part : Object.keys(record).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  if (typeof current === 'object' && current !== null && 'value' in current) {
    return (current as JsonObject).value;
  }
  return current;
}

function compare(actual: unknown, literal: QueryLiteral): number | undefined {
  if (actual === undefined || actual === null) return undefined;
  if (typeof literal === 'boolean' || typeof actual === 'boolean') {
    const a = String(actual).toLowerCase();
    const b = String(literal).toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  const a = String(actual);
  const b = String(literal);
  const numericA = Number(a);
  const numericB = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(numericA) && Number.isFinite(numericB)) {
    return Math.sign(numericA - numericB);
  }
  const dateA = isoTime(a);
  const dateB = isoTime(b);
  if (dateA !== undefined && dateB !== undefined) return Math.sign(dateA - dateB);
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  return lowerA === lowerB ? 0 : lowerA < lowerB ? -1 : 1;
}

function isoTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function likeToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'is');
}

export function matchesCondition(row: JsonObject, condition: QueryCondition): boolean {
  const actual = readField(row, condition.field);
  switch (condition.operator) {
    case 'IN':
      return condition.values.some((value) => compare(actual, value) === 0);
    case 'LIKE':
      return actual !== undefined && actual !== null && likeToRegExp(String(condition.values[0])).test(String(actual));
    default: {
      const result = compare(actual, condition.values[0]);
      if (result === undefined) return false;
      if (condition.operator === '=') return result === 0;
      if (condition.operator === '<') return result < 0;
      if (condition.operator === '>') return result > 0;
      if (condition.operator === '<=') return result <= 0;
      return result >= 0;
    }
  }
}

export interface QueryResult {
  rows: JsonObject[];
  totalCount: number;
}

/** Filters, orders and pages `rows` (already restricted to the entity). */
export function runQuery(query: ParsedQuery, rows: JsonObject[]): QueryResult {
  // Name-list entities answer only active records unless the query asks about Active itself.
  const filtersActive = query.where.some((c) => c.field.toLowerCase() === 'active');
  let matched = rows.filter(
    (row) => (filtersActive || row.Active !== false) && query.where.every((c) => matchesCondition(row, c)),
  );
  if (query.count) return { rows: [], totalCount: matched.length };

  const orderBy = query.orderBy.length > 0 ? query.orderBy : [{ field: 'Id', descending: false }];
  matched = [...matched].sort((left, right) => {
    for (const { field, descending } of orderBy) {
      const a = readField(left, field);
      const b = readField(right, field);
      const result = a === undefined ? (b === undefined ? 0 : -1) : (compare(a, b as QueryLiteral) ?? 1);
      if (result !== 0) return descending ? -result : result;
    }
    return 0;
  });

  const page = matched.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults);
  const projected = query.fields ? page.map((row) => project(row, query.fields!)) : page;
  return { rows: projected, totalCount: matched.length };
}

function project(row: JsonObject, fields: string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    const top = field.split('.')[0];
    const key = Object.keys(row).find((k) => k.toLowerCase() === top.toLowerCase());
    if (key !== undefined) out[key] = row[key];
  }
  out.domain = row.domain;
  out.sparse = true;
  return out;
}
