import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { armorProtection, maxMutationFieldsRule } from './document-limits';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Mutation { ping(n: Int): Boolean  logout: Boolean }
`);
const errorsOf = (document: string) => validate(schema, parse(document), [maxMutationFieldsRule]).map((e) => e.message);
const fields = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `p${i + from}: ping(n: ${i + from})`).join(' ');

describe('maxMutationFieldsRule', () => {
  it('accepts 15 fields and refuses 16, aliased or not', () => {
    expect(errorsOf(`mutation { ${fields(15)} }`)).toEqual([]);
    expect(errorsOf(`mutation { ${fields(15)} logout }`)).toEqual([
      'A mutation may run at most 15 fields; this one runs 16.',
    ]);
  });

  it('counts the fields of fragments and inline fragments, each response key once', () => {
    const document = `
      mutation { ...A ...A ... on Mutation { ${fields(5, 10)} } }
      fragment A on Mutation { ${fields(10)} ...B }
      fragment B on Mutation { logout ...A }`;
    expect(errorsOf(document)).toEqual(['A mutation may run at most 15 fields; this one runs 16.']);
  });

  it('leaves queries to the alias limit', () => {
    expect(errorsOf(`{ ${Array.from({ length: 20 }, (_, i) => `q${i}: ok`).join(' ')} }`)).toEqual([]);
  });
});

describe("the client's own documents", () => {
  const root = path.resolve(__dirname, '../../..');
  const sdl = fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return files(full);
      return entry.name.endsWith('.graphql') ? [full] : [];
    });
  const documents = files(path.join(root, 'client/src'));
  // Fragments may live in another file than the operations that spread them.
  const allFragments = documents
    .map((file) => parse(fs.readFileSync(file, 'utf8')))
    .flatMap((doc) => doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION));

  it('finds them', () => {
    expect(documents.length).toBeGreaterThan(5);
  });

  it.each(documents.map((file) => [path.relative(root, file), file]))(
    '%s stays within every limit (depth 6, aliases, cost, 15 mutation fields)',
    (_name, file) => {
      const schema = buildSchema(sdl);
      const own = parse(fs.readFileSync(file, 'utf8'));
      const operations = own.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const document = { ...own, definitions: [...operations, ...allFragments] };
      const errors = validate(schema, document, [...armorProtection().validationRules, maxMutationFieldsRule]);
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );
});
