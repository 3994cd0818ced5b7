/**
 * How ConnectWise (ASP.NET + Newtonsoft.Json) reads a request body into its model: property names match without
 * regard to case, unknown properties are ignored, and the first value of the wrong type stops it with Newtonsoft's
 * own message ("Error converting value …", "Could not convert string to integer: …") plus "Path '…', line L,
 * position P." ConnectWise answers that with HTTP 500 (docs/vendors/connectwise-psa.md §4).
 */

export type FieldType = 'int' | 'bool' | 'string' | 'datetime' | 'int[]' | 'string[]';

export type RequestModel = Readonly<Record<string, FieldType>>;

type Node =
  | { kind: 'object'; start: number; end: number; entries: Array<{ key: string; value: Node }> }
  | { kind: 'array'; start: number; end: number; items: Node[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; raw: string }
  | { kind: 'true' | 'false' | 'null'; start: number; end: number };

const LIST_OF: Record<'int[]' | 'string[]', string> = {
  'int[]': 'System.Collections.Generic.List`1[System.Int32]',
  'string[]': 'System.Collections.Generic.List`1[System.String]',
};
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

class Failure extends Error {}

/** Parses already-valid JSON keeping each value's span, so messages can say where it went wrong. */
function parse(text: string): Node {
  let i = 0;
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i += 1;
  };
  const value = (): Node => {
    space();
    const start = i;
    const char = text[i];
    if (char === '{') {
      i += 1;
      const entries: Array<{ key: string; value: Node }> = [];
      space();
      if (text[i] === '}') i += 1;
      else {
        for (;;) {
          const key = value();
          if (key.kind !== 'string') throw new Failure('bad key');
          space();
          i += 1; // ':'
          entries.push({ key: key.value, value: value() });
          space();
          if (text[i++] === '}') break;
        }
      }
      return { kind: 'object', start, end: i, entries };
    }
    if (char === '[') {
      i += 1;
      const items: Node[] = [];
      space();
      if (text[i] === ']') i += 1;
      else {
        for (;;) {
          items.push(value());
          space();
          if (text[i++] === ']') break;
        }
      }
      return { kind: 'array', start, end: i, items };
    }
    if (char === '"') {
      i += 1;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i += 1;
      return { kind: 'string', start, end: i, value: JSON.parse(text.slice(start, i)) as string };
    }
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: word, start, end: i };
      }
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!number) throw new Failure('bad value');
    i += number[0].length;
    return { kind: 'number', start, end: i, raw: number[0] };
  };
  return value();
}

/** Newtonsoft's " Path 'p', line L, position P." where P counts characters read on that line. */
function where(text: string, path: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const position = offset - (before.lastIndexOf('\n') + 1);
  return `Path '${path}', line ${line}, position ${position}.`;
}

function shown(node: Node, text: string): string {
  if (node.kind === 'string') return `"${node.value}"`;
  if (node.kind === 'true' || node.kind === 'false') return node.kind === 'true' ? 'True' : 'False';
  if (node.kind === 'null') return '{null}';
  return text.slice(node.start, node.end);
}

function unexpected(text: string, node: Node, path: string): string {
  return `Unexpected character encountered while parsing value: ${text[node.start]}. ${where(text, path, node.start)}`;
}

function readInt(text: string, node: Node, path: string, nullable: boolean): string | undefined {
  if (node.kind === 'null') {
    return nullable
      ? undefined
      : `Error converting value {null} to type 'System.Int32'. ${where(text, path, node.end)}`;
  }
  if (node.kind === 'string') {
    // Newtonsoft reads "" as null, which only a nullable int takes.
    if (node.value === '') return readInt(text, { kind: 'null', start: node.start, end: node.end }, path, nullable);
    const trimmed = node.value.trim();
    const number = Number(trimmed);
    if (/^[+-]?\d+$/.test(trimmed) && number >= INT32_MIN && number <= INT32_MAX) return undefined;
    return `Could not convert string to integer: ${node.value}. ${where(text, path, node.end)}`;
  }
  if (node.kind === 'number') {
    if (!/^-?\d+$/.test(node.raw)) {
      return `Input string '${node.raw}' is not a valid integer. ${where(text, path, node.end)}`;
    }
    const number = Number(node.raw);
    if (number < INT32_MIN || number > INT32_MAX) {
      return `JSON integer ${node.raw} is too large or small for an Int32. ${where(text, path, node.end)}`;
    }
    return undefined;
  }
  return unexpected(text, node, path);
}

function readBool(text: string, node: Node, path: string): string | undefined {
  if (node.kind === 'string') {
    if (node.value === '' || /^\s*(true|false)\s*$/i.test(node.value)) return undefined;
    return `Could not convert string to boolean: ${node.value}. ${where(text, path, node.end)}`;
  }
  if (node.kind === 'object' || node.kind === 'array') return unexpected(text, node, path);
  return undefined;
}

function readString(text: string, node: Node, path: string): string | undefined {
  return node.kind === 'object' || node.kind === 'array' ? unexpected(text, node, path) : undefined;
}

function readDateTime(text: string, node: Node, path: string): string | undefined {
  if (node.kind === 'null') return undefined;
  if (node.kind !== 'string') return unexpected(text, node, path);
  if (node.value === '' || !Number.isNaN(Date.parse(node.value))) return undefined;
  return `Could not convert string to DateTime: ${node.value}. ${where(text, path, node.end)}`;
}

function readList(text: string, node: Node, path: string, type: 'int[]' | 'string[]'): string | undefined {
  if (node.kind === 'null') return undefined;
  if (node.kind === 'object') {
    return (
      `Cannot deserialize the current JSON object (e.g. {"name":"value"}) into type '${LIST_OF[type]}' because the ` +
      'type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.\r\nTo fix this error either change the ' +
      'JSON to a JSON array (e.g. [1,2,3]) or change the deserialized type so that it is a normal .NET type (e.g. ' +
      'not a primitive type like integer, not a collection type like an array or List<T>) that can be deserialized ' +
      'from a JSON object. JsonObjectAttribute can also be added to the type to force it to deserialize from a JSON ' +
      `object.\r\n${where(text, path, node.start + 1)}`
    );
  }
  if (node.kind !== 'array') {
    return `Error converting value ${shown(node, text)} to type '${LIST_OF[type]}'. ${where(text, path, node.end)}`;
  }
  for (const [index, item] of node.items.entries()) {
    const itemPath = `${path}[${index}]`;
    const problem = type === 'int[]' ? readInt(text, item, itemPath, false) : readString(text, item, itemPath);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The message Newtonsoft would fail with for this body against `model`, or undefined when it reads. Bodies that
 * are not JSON objects are left to the caller (they never reach the model).
 */
export function unreadableField(text: string, model: RequestModel): string | undefined {
  let root: Node;
  try {
    root = parse(text);
  } catch {
    return undefined;
  }
  if (root.kind !== 'object') return undefined;
  const types = new Map(Object.entries(model).map(([name, type]) => [name.toLowerCase(), type]));
  for (const { key, value } of root.entries) {
    const type = types.get(key.toLowerCase());
    if (type === undefined) continue;
    const problem =
      type === 'int'
        ? readInt(text, value, key, true)
        : type === 'bool'
          ? readBool(text, value, key)
          : type === 'string'
            ? readString(text, value, key)
            : type === 'datetime'
              ? readDateTime(text, value, key)
              : readList(text, value, key, type);
    if (problem) return problem;
  }
  return undefined;
}

/** ExportAccountingBatchRequest (docs/vendors/connectwise-psa.md §7). */
export const EXPORT_REQUEST: RequestModel = {
  batchIdentifier: 'string',
  glInterfaceIdentifier: 'string',
  thruDate: 'datetime',
  locationId: 'int',
  summarizeInvoices: 'string',
  exportInvoicesFlag: 'bool',
  includedInvoiceIds: 'int[]',
  excludedInvoiceIds: 'int[]',
  exportExpensesFlag: 'bool',
  includedExpenseIds: 'int[]',
  excludedExpenseIds: 'int[]',
  exportProductsFlag: 'bool',
  includedProductIds: 'string[]',
  excludedProductIds: 'string[]',
};

/** CreateAccountingBatchRequest (docs/vendors/connectwise-psa.md §7). */
export const CREATE_BATCH_REQUEST: RequestModel = {
  id: 'int',
  batchIdentifier: 'string',
  glInterfaceIdentifier: 'string',
  exportInvoicesFlag: 'bool',
  exportExpensesFlag: 'bool',
  exportProductsFlag: 'bool',
  processedRecordIds: 'int[]',
  summarizeExpenses: 'bool',
};
