import batchAnswer from './__fixtures__/qbo-batch-sales-documents.json';
import creditMemoAnswer from './__fixtures__/qbo-credit-memo.json';
import { chunkInValues, MAX_IN_STATEMENT_LENGTH, MAX_IN_VALUES, QboClient, QboError } from './qbo-client';
import type { QboCreditMemoInput, QboInvoiceInput } from './types';

const REALM = '9130357000000001';
const BASE = 'https://sandbox-quickbooks.api.intuit.com';

interface SentRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  body?: string;
  contentType?: string;
}

type Answer = { status?: number; body: unknown };

/** A fetch that records what the client sends and answers from a script (QBO answers are JSON). */
function fakeQbo(answer: (request: SentRequest) => Answer): { client: QboClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(`/v3/company/${REALM}`, ''),
      params: url.searchParams,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
      ...(headers.has('content-type') ? { contentType: headers.get('content-type')! } : {}),
    };
    sent.push(request);
    const { status = 200, body } = answer(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', intuit_tid: '1-test' },
    });
  };
  const client = new QboClient({
    baseUrl: BASE,
    realmId: REALM,
    accessToken: 'token',
    fetch: fetchImpl,
  });
  return { client, sent };
}

/** The select statement of a query request, GET or POST. */
function statement(request: SentRequest): string {
  return request.method === 'GET' ? request.params.get('query')! : request.body!;
}

const emptyQuery: Answer = { body: { QueryResponse: {}, time: '2025-11-03T09:12:41.275-08:00' } };

const creditMemo: QboCreditMemoInput = {
  CustomerRef: { value: '59' },
  DocNumber: '24115',
  TxnDate: '2025-10-31',
  Line: [
    {
      DetailType: 'SalesItemLineDetail',
      Amount: 500,
      SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 500, TaxCodeRef: { value: 'NON' } },
    },
  ],
  PrivateNote: '[mobius:psa-invoice:4029]',
};

const invoice: QboInvoiceInput = { ...creditMemo, DocNumber: '24101', DueDate: '2025-12-01' };

describe('QboClient credit memos', () => {
  it('creates a credit memo with a requestid and reads it back', async () => {
    const { client, sent } = fakeQbo(() => ({ body: creditMemoAnswer }));
    const created = await client.createCreditMemo(creditMemo, { requestId: 'cm-4029' });
    expect(created).toMatchObject({ Id: '152', DocNumber: '24115', TotalAmt: 725, RemainingCredit: 725 });
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/creditmemo', contentType: 'application/json' });
    expect(sent[0].params.get('requestid')).toBe('cm-4029');
    expect(sent[0].params.get('minorversion')).toBe('75');
    expect(JSON.parse(sent[0].body!)).toEqual(creditMemo);

    expect((await client.getCreditMemo('152')).Id).toBe('152');
    expect(sent[1]).toMatchObject({ method: 'GET', path: '/creditmemo/152' });
  });

  it('keeps the error semantics: a refusal is VALIDATION, a 5xx on a create may have been applied', async () => {
    const refusal = fakeQbo(() => ({
      status: 400,
      body: {
        Fault: {
          Error: [
            {
              Message: 'Invalid Reference Id',
              Detail: 'Invalid Reference Id : Something you are trying to use has been made inactive.',
              code: '2500',
            },
          ],
          type: 'ValidationFault',
        },
      },
    }));
    await expect(refusal.client.createCreditMemo(creditMemo)).rejects.toMatchObject({
      kind: 'VALIDATION',
      code: '2500',
      mayHaveApplied: false,
    });
    const outage = fakeQbo(() => ({ status: 503, body: {} }));
    await expect(outage.client.createCreditMemo(creditMemo, { requestId: 'cm-4029' })).rejects.toMatchObject({
      kind: 'TRANSIENT',
      mayHaveApplied: true,
    });
    await expect(outage.client.createCreditMemo(creditMemo, { requestId: 'x'.repeat(51) })).rejects.toThrow(RangeError);
  });
});

describe('QboClient lookups by lists', () => {
  it('finds invoices and credit memos by DocNumber in one IN query each', async () => {
    const { client, sent } = fakeQbo((request) =>
      statement(request).includes('from Invoice')
        ? { body: { QueryResponse: { Invoice: [batchAnswer.BatchItemResponse[1].Invoice], maxResults: 1 } } }
        : { body: { QueryResponse: { CreditMemo: [creditMemoAnswer.CreditMemo], maxResults: 1 } } },
    );
    expect((await client.findInvoicesByDocNumbers(['24101', '24114', '24101'])).map((i) => i.Id)).toEqual(['151']);
    expect((await client.findCreditMemosByDocNumbers(['24115'])).map((c) => c.Id)).toEqual(['152']);
    expect(sent.map(statement)).toEqual([
      "select * from Invoice where DocNumber IN ('24101', '24114') startposition 1 maxresults 1000",
      "select * from CreditMemo where DocNumber IN ('24115') startposition 1 maxresults 1000",
    ]);
  });

  it('asks nothing for an empty list', async () => {
    const { client, sent } = fakeQbo(() => emptyQuery);
    expect(await client.findCustomersByDisplayNames([])).toEqual([]);
    expect(await client.findItemsByNames([])).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('quotes names with escapeQboString and can include inactive customers and items', async () => {
    const { client, sent } = fakeQbo(() => emptyQuery);
    await client.findCustomersByDisplayNames(["O'Brien & Sons", 'Acme Dental Group (C1001)'], {
      includeInactive: true,
    });
    await client.findItemsByNames(['Labor- Remote']);
    expect(sent.map(statement)).toEqual([
      "select * from Customer where DisplayName IN ('O\\'Brien & Sons', 'Acme Dental Group (C1001)') and Active IN (true, false) startposition 1 maxresults 1000",
      "select * from Item where Name IN ('Labor- Remote') startposition 1 maxresults 1000",
    ]);
  });

  it('splits a long list into statements of at most 100 values and 4,000 characters', async () => {
    const { client, sent } = fakeQbo(() => emptyQuery);
    const names = Array.from({ length: 250 }, (_, i) => `Customer ${i}`);
    await client.findCustomersByDisplayNames(names);
    const counts = sent.map((request) => statement(request).split("', '").length);
    expect(counts).toEqual([100, 100, 50]);

    sent.length = 0;
    const long = Array.from({ length: 20 }, (_, i) => `${"'".repeat(250)}${'n'.repeat(240)}${i}`);
    await client.findCustomersByDisplayNames(long);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.every((request) => statement(request).length <= MAX_IN_STATEMENT_LENGTH)).toBe(true);
    expect(sent.every((request) => request.method === 'POST' && request.contentType === 'application/text')).toBe(true);
  });

  it('pages through a chunk that matches more than 1000 rows', async () => {
    const row = (i: number) => ({ Id: String(i), SyncToken: '0', Name: 'Hours', Type: 'Service' });
    const { client, sent } = fakeQbo((request) => ({
      body: {
        QueryResponse: {
          Item: statement(request).includes('startposition 1 ')
            ? Array.from({ length: 1000 }, (_, i) => row(i))
            : [row(1000)],
        },
      },
    }));
    expect(await client.findItemsByNames(['Hours'], { includeInactive: true })).toHaveLength(1001);
    expect(sent.map(statement)).toEqual([
      "select * from Item where Name IN ('Hours') and Active IN (true, false) startposition 1 maxresults 1000",
      "select * from Item where Name IN ('Hours') and Active IN (true, false) startposition 1001 maxresults 1000",
    ]);
  });
});

describe('chunkInValues', () => {
  it('drops duplicates, keeps order and never leaves a value out', () => {
    const values = ['a', 'b', 'a', ...Array.from({ length: 150 }, (_, i) => `v${i}`)];
    const chunks = chunkInValues('Customer', 'DisplayName', values);
    expect(chunks.map((chunk) => chunk.length)).toEqual([MAX_IN_VALUES, 52]);
    expect(chunks.flat()).toEqual([...new Set(values)]);
  });

  it('gives a value too long for any statement a statement of its own', () => {
    const huge = 'z'.repeat(MAX_IN_STATEMENT_LENGTH);
    expect(chunkInValues('Item', 'Name', ['a', huge, 'b'])).toEqual([['a'], [huge], ['b']]);
  });
});

describe('QboClient.createSalesDocuments', () => {
  const documents = [
    { bId: 'b1', entity: 'Invoice' as const, body: invoice },
    { bId: 'b2', entity: 'Invoice' as const, body: { ...invoice, DocNumber: '24114' } },
    { bId: 'b3', entity: 'CreditMemo' as const, body: creditMemo },
  ];

  it('creates invoices and credit memos in one batch with its requestid, answering each item in request order', async () => {
    const { client, sent } = fakeQbo(() => ({ body: batchAnswer }));
    const results = await client.createSalesDocuments(documents, { requestId: 'batch-requestid-36-characters-long00' });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/batch' });
    expect(sent[0].params.get('requestid')).toBe('batch-requestid-36-characters-long00');
    expect(JSON.parse(sent[0].body!)).toEqual({
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Invoice: invoice },
        { bId: 'b2', operation: 'create', Invoice: { ...invoice, DocNumber: '24114' } },
        { bId: 'b3', operation: 'create', CreditMemo: creditMemo },
      ],
    });

    expect(results.map((result) => [result.bId, result.ok, result.entity])).toEqual([
      ['b1', true, 'Invoice'],
      ['b2', false, 'Invoice'],
      ['b3', true, 'CreditMemo'],
    ]);
    const [first, second, third] = results;
    if (!first.ok || first.entity !== 'Invoice') throw new Error('b1 should be a created invoice');
    expect(first.document).toMatchObject({ Id: '151', DocNumber: '24101', TotalAmt: 2160, DueDate: '2025-12-01' });
    if (second.ok) throw new Error('b2 should have failed');
    expect(second.error).toBeInstanceOf(QboError);
    expect(second.error).toMatchObject({
      kind: 'VALIDATION',
      code: '6140',
      faultType: 'ValidationFault',
      mayHaveApplied: false,
      message: expect.stringContaining('Duplicate Document Number Error'),
    });
    if (!third.ok || third.entity !== 'CreditMemo') throw new Error('b3 should be a created credit memo');
    expect(third.document).toMatchObject({ Id: '152', TotalAmt: 725 });
  });

  it('reports an item the answer left out as a BAD_RESPONSE that may have been applied', async () => {
    const partial = { ...batchAnswer, BatchItemResponse: batchAnswer.BatchItemResponse.slice(0, 2) };
    const { client } = fakeQbo(() => ({ body: partial }));
    const results = await client.createSalesDocuments(documents);
    expect(results[2]).toMatchObject({ bId: 'b3', ok: false, entity: 'CreditMemo' });
    expect(!results[2].ok && results[2].error).toMatchObject({ kind: 'BAD_RESPONSE', mayHaveApplied: true });
  });

  it('reports a per-item system fault as TRANSIENT that may have been applied', async () => {
    const { client } = fakeQbo(() => ({
      body: {
        BatchItemResponse: [
          {
            bId: 'b1',
            Fault: { type: 'SystemFault', Error: [{ Message: 'An application error has occurred', code: '10000' }] },
          },
        ],
      },
    }));
    const [result] = await client.createSalesDocuments(documents.slice(0, 1));
    expect(!result.ok && result.error).toMatchObject({ kind: 'TRANSIENT', code: '10000', mayHaveApplied: true });
  });

  it('refuses bIds QBO would refuse before sending anything', async () => {
    const { client, sent } = fakeQbo(() => ({ body: batchAnswer }));
    await expect(
      client.createSalesDocuments([{ ...documents[0], bId: 'b-eleven-ch' }], { requestId: 'r' }),
    ).rejects.toThrow(RangeError);
    await expect(client.createSalesDocuments([documents[0], documents[0]])).rejects.toThrow(RangeError);
    await expect(client.createSalesDocuments(documents, { requestId: 'x'.repeat(37) })).rejects.toThrow(RangeError);
    expect(sent).toHaveLength(0);
  });
});
