import { buildSchema, parse, validate } from 'graphql';
import { maxMutationFieldsRule } from './document-limits';

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
