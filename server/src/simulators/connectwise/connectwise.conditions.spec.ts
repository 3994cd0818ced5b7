import { compileConditions, ConditionsError, UnknownFieldError } from './connectwise.conditions';
import { UNPOSTED_INVOICE_FIELDS } from './connectwise.fields';

const invoice = {
  id: 4003,
  invoiceNumber: '24102',
  invoiceType: 'CreditMemo',
  invoiceTaxableFlag: false,
  invoiceDate: '2025-10-31T00:00:00Z',
  total: -612.5,
  company: { id: 265, identifier: 'FoxhallLaw', name: 'Foxhall Law Partners' },
  description: null,
};

describe('compileConditions', () => {
  it.each([
    ['', true],
    ['id = 4003', true],
    ['id != 4003', false],
    ['id in (1, 4003, 7)', true],
    ['id not in (1, 4003)', false],
    ['company/id = 265', true],
    ['Company/Name = "foxhall law partners"', true],
    ['company/name like "Foxhall*"', true],
    ['company/name like "*Bakery"', false],
    ['company/name contains "law"', true],
    ['invoiceType = "CreditMemo" and total < 0', true],
    ['invoiceType = "Standard" or id >= 4000', true],
    ['not (id = 4003)', false],
    ['invoiceTaxableFlag = False', true],
    ['invoiceTaxableFlag = True', false],
    ['invoiceDate >= [2025-10-01T00:00:00Z] and invoiceDate < [2025-11-01T00:00:00Z]', true],
    ['description = null', true],
    ['invoiceNumber = "24102"', true],
    ['unknownField = 3', false],
    ['id = 1 or id = 2 and id = 4003', false],
    ['(id = 1 or id = 4003) and company/id = 265', true],
  ])('%s → %s', (source, expected) => {
    expect(compileConditions(source)(invoice)).toBe(expected);
  });

  it('reads escaped quotes in strings', () => {
    expect(compileConditions('name = "O\\"Brien"')({ name: 'O"Brien' })).toBe(true);
    expect(compileConditions("name = 'O\\'Brien & Sons'")({ name: "O'Brien & Sons" })).toBe(true);
  });

  it.each(['id = = 3', 'id 3', '(id = 3', 'id in (', 'name = "open', 'date > [not a date]', 'id = 3 )', 'id ! 3'])(
    'rejects %s',
    (source) => {
      expect(() => compileConditions(source)).toThrow(ConditionsError);
    },
  );

  it("refuses a field the resource does not have, naming it, when given the resource's fields", () => {
    expect(() => compileConditions('unknownField = 3', UNPOSTED_INVOICE_FIELDS)).toThrow(
      new UnknownFieldError('unknownField'),
    );
    expect(() => compileConditions('id = 1 or not (company/nope = 2)', UNPOSTED_INVOICE_FIELDS)).toThrow(
      "Unknown field 'company/nope' in conditions.",
    );
    expect(compileConditions('COMPANY/ID = 265 and invoiceTaxableFlag = False', UNPOSTED_INVOICE_FIELDS)(invoice)).toBe(
      true,
    );
  });
});
