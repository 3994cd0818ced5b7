/**
 * A small interpreter for ConnectWise's `conditions` query syntax (docs/vendors/connectwise-psa.md §6): `id in (1,2)`, `company/id = 5`,
 * `name like "Dell*"`, `invoiceDate >= [2025-10-01T00:00:00Z]`, `closedFlag = False`, joined with and/or/not and
 * parentheses. Comparisons on text are case-insensitive, as on ConnectWise's SQL Server.
 */

export class ConditionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionsError';
  }
}

/** A condition naming a field the resource does not have (ConnectWise refuses it; it never matches nothing). */
export class UnknownFieldError extends ConditionsError {
  constructor(readonly field: string) {
    super(`Unknown field '${field}' in conditions.`);
    this.name = 'UnknownFieldError';
  }
}

/** The fields a resource's conditions may name; without it every path is accepted (the grammar alone). */
export interface FieldCheck {
  has(path: string): boolean;
}

type Value = string | number | boolean | Date | null;

type Token =
  | { type: 'path'; value: string[] }
  | { type: 'keyword'; value: 'and' | 'or' | 'not' | 'in' | 'like' | 'contains' }
  | { type: 'op'; value: '=' | '!=' | '<' | '<=' | '>' | '>=' }
  | { type: 'value'; value: Value }
  | { type: 'punct'; value: '(' | ')' | ',' };

type Node =
  | { type: 'and' | 'or'; left: Node; right: Node }
  | { type: 'not'; operand: Node }
  | { type: 'compare'; path: string[]; op: string; values: Value[] };

export type Predicate = (record: unknown) => boolean;

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'like', 'contains']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      let text = '';
      i += 1;
      while (i < source.length && source[i] !== char) {
        if (source[i] === '\\' && i + 1 < source.length) i += 1;
        text += source[i];
        i += 1;
      }
      if (i >= source.length) throw new ConditionsError('Unterminated string in conditions.');
      i += 1;
      tokens.push({ type: 'value', value: text });
    } else if (char === '[') {
      const end = source.indexOf(']', i);
      if (end === -1) throw new ConditionsError('Unterminated date in conditions.');
      const date = new Date(source.slice(i + 1, end).trim());
      if (Number.isNaN(date.getTime())) throw new ConditionsError('Invalid date in conditions.');
      tokens.push({ type: 'value', value: date });
      i = end + 1;
    } else if ('(),'.includes(char)) {
      tokens.push({ type: 'punct', value: char as '(' | ')' | ',' });
      i += 1;
    } else if ('=!<>'.includes(char)) {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two === '<>' ? '!=' : two });
        i += 2;
      } else if (char === '!') {
        throw new ConditionsError('Unexpected "!" in conditions.');
      } else {
        tokens.push({ type: 'op', value: char as '=' | '<' | '>' });
        i += 1;
      }
    } else {
      const match = /^-?\d+(?:\.\d+)?(?![A-Za-z_])|^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(
        source.slice(i),
      );
      if (!match) throw new ConditionsError(`Unexpected character "${char}" in conditions.`);
      const word = match[0];
      i += word.length;
      const lower = word.toLowerCase();
      if (/^-?\d/.test(word)) tokens.push({ type: 'value', value: Number(word) });
      else if (KEYWORDS.has(lower)) tokens.push({ type: 'keyword', value: lower as 'and' });
      else if (lower === 'true' || lower === 'false') tokens.push({ type: 'value', value: lower === 'true' });
      else if (lower === 'null') tokens.push({ type: 'value', value: null });
      else tokens.push({ type: 'path', value: word.split('/') });
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.position < this.tokens.length) throw new ConditionsError('Unexpected text at the end of conditions.');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isKeyword(value: string): boolean {
    const token = this.peek();
    return token?.type === 'keyword' && token.value === value;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token?.type === 'punct' && token.value === value;
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) throw new ConditionsError(`Expected "${value}" in conditions.`);
    this.position += 1;
  }

  private or(): Node {
    let node = this.and();
    while (this.isKeyword('or')) {
      this.position += 1;
      node = { type: 'or', left: node, right: this.and() };
    }
    return node;
  }

  private and(): Node {
    let node = this.unary();
    while (this.isKeyword('and')) {
      this.position += 1;
      node = { type: 'and', left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    if (this.isKeyword('not')) {
      this.position += 1;
      return { type: 'not', operand: this.unary() };
    }
    if (this.isPunct('(')) {
      this.position += 1;
      const node = this.or();
      this.expectPunct(')');
      return node;
    }
    return this.comparison();
  }

  private value(): Value {
    const token = this.peek();
    if (token?.type !== 'value') throw new ConditionsError('Expected a value in conditions.');
    this.position += 1;
    return token.value;
  }

  private comparison(): Node {
    const token = this.peek();
    if (token?.type !== 'path') throw new ConditionsError('Expected a field name in conditions.');
    this.position += 1;
    const path = token.value;
    let negate = false;
    if (this.isKeyword('not')) {
      this.position += 1;
      negate = true;
    }
    const next = this.peek();
    let node: Node;
    if (next?.type === 'keyword' && next.value === 'in') {
      this.position += 1;
      this.expectPunct('(');
      const values = [this.value()];
      while (this.isPunct(',')) {
        this.position += 1;
        values.push(this.value());
      }
      this.expectPunct(')');
      node = { type: 'compare', path, op: 'in', values };
    } else if (next?.type === 'keyword' && (next.value === 'like' || next.value === 'contains')) {
      this.position += 1;
      node = { type: 'compare', path, op: next.value, values: [this.value()] };
    } else if (next?.type === 'op' && !negate) {
      this.position += 1;
      node = { type: 'compare', path, op: next.value, values: [this.value()] };
    } else {
      throw new ConditionsError(`Expected an operator after "${path.join('/')}" in conditions.`);
    }
    return negate ? { type: 'not', operand: node } : node;
  }
}

function lookup(record: unknown, path: string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    const key = Object.keys(current).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : (current as Record<string, unknown>)[key];
  }
  return current;
}

function compare(actual: unknown, expected: Value): number | null {
  if (expected === null || actual === null || actual === undefined) return null;
  if (expected instanceof Date) {
    const time = typeof actual === 'string' ? Date.parse(actual) : NaN;
    return Number.isNaN(time) ? null : Math.sign(time - expected.getTime());
  }
  if (typeof expected === 'number') {
    const number = typeof actual === 'number' ? actual : typeof actual === 'string' ? Number(actual) : NaN;
    return Number.isNaN(number) ? null : Math.sign(number - expected);
  }
  if (typeof expected === 'boolean') return actual === expected ? 0 : typeof actual === 'boolean' ? 1 : null;
  const left = String(actual).toLowerCase();
  const right = expected.toLowerCase();
  return left === right ? 0 : left < right ? -1 : 1;
}

function evaluate(node: Node, record: unknown): boolean {
  switch (node.type) {
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'not':
      return !evaluate(node.operand, record);
    case 'compare': {
      const actual = lookup(record, node.path);
      const [expected] = node.values;
      if (node.op === 'in') return node.values.some((value) => compare(actual, value) === 0);
      if (node.op === 'like' || node.op === 'contains') {
        if (typeof actual !== 'string' || typeof expected !== 'string') return false;
        const pattern =
          node.op === 'like'
            ? `^${expected.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`
            : expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return new RegExp(pattern, 'i').test(actual);
      }
      if (expected === null) {
        const isNull = actual === null || actual === undefined;
        return node.op === '=' ? isNull : node.op === '!=' ? !isNull : false;
      }
      const order = compare(actual, expected);
      if (order === null) return node.op === '!=';
      switch (node.op) {
        case '=':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        default:
          return order >= 0;
      }
    }
  }
}

function checkFields(node: Node, fields: FieldCheck): void {
  if (node.type === 'compare') {
    const path = node.path.join('/');
    if (!fields.has(path)) throw new UnknownFieldError(path);
  } else if (node.type === 'not') checkFields(node.operand, fields);
  else {
    checkFields(node.left, fields);
    checkFields(node.right, fields);
  }
}

/**
 * Compiles a conditions string; throws ConditionsError (→ HTTP 400) when it does not parse, and UnknownFieldError
 * when `fields` is given and a comparison names a field outside it.
 */
export function compileConditions(source: string | undefined, fields?: FieldCheck): Predicate {
  if (source === undefined || source.trim() === '') return () => true;
  if (source.length > 4000) throw new ConditionsError('Conditions are too long.');
  const tree = new Parser(tokenize(source)).parse();
  if (fields) checkFields(tree, fields);
  return (record) => evaluate(tree, record);
}
