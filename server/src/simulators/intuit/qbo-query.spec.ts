import { QboFaultError } from './qbo-faults';
import { parseQuery, runQuery } from './qbo-query';

const rows = [
  {
    Id: '1',
    DisplayName: "Amy's Bird Sanctuary",
    Active: true,
    Balance: 10,
    MetaData: { CreateTime: '2025-01-01T10:00:00-08:00' },
  },
  { Id: '2', DisplayName: 'Cool Cars', Active: true, Balance: 250.5, CustomerRef: { value: '7', name: 'X' } },
  { Id: '10', DisplayName: 'Dell Technologies', Active: true, Balance: 0 },
  { Id: '3', DisplayName: 'Old Customer', Active: false, Balance: 5 },
];

function fault(statement: string): QboFaultError {
  try {
    parseQuery(statement);
  } catch (error) {
    if (error instanceof QboFaultError) return error;
    throw error;
  }
  throw new Error(`expected ${statement} to fail`);
}

describe('QBO query parser', () => {
  it('parses select * with where, startposition and maxresults, keywords in any case', () => {
    const query = parseQuery("SELECT * FROM customer WHERE DisplayName = 'Cool Cars' StartPosition 1 MAXRESULTS 10");
    expect(query).toMatchObject({
      entity: 'Customer',
      count: false,
      where: [{ field: 'DisplayName', operator: '=', values: ['Cool Cars'] }],
      startPosition: 1,
      maxResults: 10,
    });
  });

  it("unescapes \\' inside string literals", () => {
    const query = parseQuery("select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'");
    expect(query.where[0].values).toEqual(["Amy's Bird Sanctuary"]);
    expect(runQuery(query, rows).rows.map((r) => r.Id)).toEqual(['1']);
  });

  it('compares strings without regard to case', () => {
    expect(runQuery(parseQuery("select * from Customer where DisplayName = 'cool cars'"), rows).rows).toHaveLength(1);
  });

  it('supports IN, LIKE and and-joined conditions', () => {
    const inQuery = parseQuery("select * from Customer where Id IN ('1', '10', '99')");
    expect(runQuery(inQuery, rows).rows.map((r) => r.Id)).toEqual(['1', '10']);
    const like = parseQuery("select * from Customer where DisplayName LIKE '%tech%'");
    expect(runQuery(like, rows).rows.map((r) => r.DisplayName)).toEqual(['Dell Technologies']);
    const both = parseQuery("select * from Customer where DisplayName LIKE 'C%' and Balance > 100");
    expect(runQuery(both, rows).rows.map((r) => r.Id)).toEqual(['2']);
  });

  it('compares numbers numerically, dates as dates and references by value', () => {
    expect(runQuery(parseQuery('select * from Customer where Balance >= 10'), rows).rows.map((r) => r.Id)).toEqual([
      '1',
      '2',
    ]);
    const since = parseQuery("select * from Customer where MetaData.CreateTime > '2024-12-31'");
    expect(runQuery(since, rows).rows.map((r) => r.Id)).toEqual(['1']);
    expect(runQuery(parseQuery("select * from Invoice where CustomerRef = '7'"), rows).rows.map((r) => r.Id)).toEqual([
      '2',
    ]);
  });

  it('answers only active rows unless Active is in the query', () => {
    expect(runQuery(parseQuery('select * from Customer'), rows).rows).toHaveLength(3);
    const inactive = parseQuery('select * from Customer where Active = false');
    expect(runQuery(inactive, rows).rows.map((r) => r.Id)).toEqual(['3']);
  });

  it('orders by Id numerically by default, and by orderby when given', () => {
    expect(runQuery(parseQuery('select * from Customer'), rows).rows.map((r) => r.Id)).toEqual(['1', '2', '10']);
    const ordered = parseQuery('select * from Customer orderby DisplayName desc');
    expect(runQuery(ordered, rows).rows.map((r) => r.Id)).toEqual(['10', '2', '1']);
  });

  it('pages with startposition (1-based) and maxresults, capped at 1000', () => {
    const page = parseQuery('select * from Customer startposition 2 maxresults 1');
    expect(runQuery(page, rows).rows.map((r) => r.Id)).toEqual(['2']);
    expect(parseQuery('select * from Customer maxresults 5000').maxResults).toBe(1000);
    expect(parseQuery('select * from Customer').maxResults).toBe(100);
  });

  it('counts with select count(*)', () => {
    const query = parseQuery("select count(*) from Customer where DisplayName LIKE '%o%'");
    expect(query.count).toBe(true);
    expect(runQuery(query, rows).totalCount).toBe(2);
  });

  it('projects selected fields', () => {
    const result = runQuery(parseQuery("select Id, DisplayName from Customer where Id = '2'"), rows);
    expect(result.rows).toEqual([{ Id: '2', DisplayName: 'Cool Cars', domain: undefined, sparse: true }]);
  });

  it('rejects OR, != and unterminated strings with QBO parser fault 4000', () => {
    for (const statement of [
      "select * from Customer where DisplayName = 'a' or DisplayName = 'b'",
      "select * from Customer where DisplayName != 'a'",
      "select * from Customer where DisplayName = 'a",
      'select * Customer',
    ]) {
      const error = fault(statement);
      expect(error.status).toBe(400);
      expect(error.errors[0]).toMatchObject({ code: '4000', Message: 'Error parsing query' });
    }
  });

  it('rejects an unknown entity with fault 4001', () => {
    expect(fault('select * from Customers').errors[0]).toMatchObject({ code: '4001' });
  });

  it('rejects a property the entity does not let a query use with 4001, where and orderby alike', () => {
    for (const [statement, property] of [
      ["select * from Invoice where Foo = '1'", 'Foo'],
      ['select * from Customer orderby Nickname', 'Nickname'],
      ["select * from Vendor where PrimaryEmailAddr = 'a@b.test'", 'PrimaryEmailAddr'],
      ["select * from Item where Name = 'x' and IncomeAccountRef = '6'", 'IncomeAccountRef'],
    ]) {
      const error = fault(statement);
      expect(error.status).toBe(400);
      expect(error.toFault()).toEqual({
        Error: [
          {
            Message: 'Invalid query',
            Detail: `QueryValidationError: property '${property}' is not queryable`,
            code: '4001',
          },
        ],
        type: 'ValidationFault',
      });
    }
  });

  it('knows the properties the product filters on, in any case', () => {
    for (const statement of [
      "select * from Customer where DisplayName IN ('a', 'b') and Active = true",
      "select * from Item where name = 'Services'",
      "select * from Invoice where DocNumber IN ('1') and metadata.lastupdatedtime > '2025-01-01' orderby TxnDate desc",
      "select * from CreditMemo where CustomerRef = '1' and RemainingCredit > '0' orderby TxnDate",
      "select * from Account where AccountType = 'Income' and Classification = 'Revenue'",
      "select * from TaxCode where Name = 'TAX'",
    ]) {
      expect(() => parseQuery(statement)).not.toThrow();
    }
    expect(parseQuery('select * from creditmemo').entity).toBe('CreditMemo');
  });
});
