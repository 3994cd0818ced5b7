import demoGlExport from '../connectwise/__fixtures__/gl-export.json';
import { mapGlExport } from '../connectwise/mappers';
import type { PsaExportTransaction } from '../connectwise/types';
import edgeGlExport from './__fixtures__/cw-gl-export-edge-cases.json';
import { multiply, parseDecimal, toCents } from './decimal';
import {
  documentMarker,
  isMobiusDocumentFor,
  psaItemsOf,
  toQboCustomer,
  toQboSalesDocument,
  toQboServiceItem,
  type SalesDocumentRefs,
  type SalesDocumentResult,
} from './psa-mappers';
import type { QboInvoiceInput, QboSalesItemLine, QboSalesTransactionInput } from './types';

const demo = mapGlExport(demoGlExport);
const edge = mapGlExport(edgeGlExport);
const TAX = { taxableTaxCode: 'TAX', nonTaxableTaxCode: 'NON' };

function transaction(glExport: typeof demo, invoiceNumber: string): PsaExportTransaction {
  const found = glExport.transactions.find((t) => t.invoiceNumber === invoiceNumber);
  if (!found) throw new Error(`no transaction ${invoiceNumber} in the fixture`);
  return found;
}

/** Every PSA item of the fixture mapped to a QBO item whose id is `item-<identifier>`. */
function refsFor(transactions: PsaExportTransaction[], extra: Partial<SalesDocumentRefs> = {}): SalesDocumentRefs {
  const items = new Map(
    psaItemsOf(transactions).map((item) => [item.identifier, { value: `item-${item.identifier}` }]),
  );
  return { customer: { value: '58' }, items, ...extra };
}

function built(result: SalesDocumentResult): QboSalesTransactionInput & Partial<QboInvoiceInput> {
  if (!result.ok) throw new Error(`expected a document, got ${result.reason}: ${result.message}`);
  return result.body;
}

function salesLines(body: QboSalesTransactionInput): QboSalesItemLine[] {
  return body.Line.filter((line): line is QboSalesItemLine => line.DetailType === 'SalesItemLineDetail');
}

/** Sum of the Amounts in cents (Amounts are written as cents / 100, so this is exact). */
function linesCents(body: QboSalesTransactionInput): number {
  return salesLines(body).reduce((sum, line) => sum + Math.round(line.Amount * 100), 0);
}

/** QBO's rule: Qty × UnitPrice is the Amount, to the cent. */
function qtyTimesPriceIsAmount(line: QboSalesItemLine): boolean {
  const { Qty, UnitPrice } = line.SalesItemLineDetail;
  if (Qty === undefined || UnitPrice === undefined) return Qty === UnitPrice;
  return (
    toCents(multiply(parseDecimal(String(Qty)), parseDecimal(String(UnitPrice)))) === Math.round(line.Amount * 100)
  );
}

describe('toQboSalesDocument on the demo GL export', () => {
  it('maps every demo transaction to a document whose lines sum to the PSA total less tax', () => {
    expect(demo.transactions).toHaveLength(3);
    for (const psa of demo.transactions) {
      const result = toQboSalesDocument(psa, refsFor(demo.transactions), TAX);
      const body = built(result);
      const sign = psa.isCreditMemo ? -1 : 1;
      expect(linesCents(body)).toBe(sign * (psa.totalCents - psa.salesTaxCents));
      expect(Math.round(body.TxnTaxDetail!.TotalTax! * 100) === sign * psa.salesTaxCents).toBe(true);
      expect(salesLines(body).every(qtyTimesPriceIsAmount)).toBe(true);
      expect(salesLines(body).every((line) => line.Amount >= 0)).toBe(true);
      expect(isMobiusDocumentFor(body, psa.id)).toBe(true);
    }
  });

  it('maps invoice 24114 field by field, with taxable lines on TAX and the rest on NON', () => {
    const psa = transaction(demo, '24114');
    const result = toQboSalesDocument(psa, refsFor(demo.transactions), TAX);
    expect(result).toEqual({
      ok: true,
      entity: 'Invoice',
      body: {
        CustomerRef: { value: '58' },
        DocNumber: '24114',
        TxnDate: '2025-10-20',
        DueDate: '2025-11-19',
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 4047,
            Description: 'Dell Latitude 5550 laptop, i7, 16GB, 512GB SSD',
            SalesItemLineDetail: {
              ItemRef: { value: 'item-DELL-LAT5550' },
              Qty: 3,
              UnitPrice: 1349,
              TaxCodeRef: { value: 'TAX' },
            },
          },
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 989.97,
            Description: 'Dell P2723D 27" QHD monitor',
            SalesItemLineDetail: {
              ItemRef: { value: 'item-DELL-P2723D' },
              Qty: 3,
              UnitPrice: 329.99,
              TaxCodeRef: { value: 'TAX' },
            },
          },
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 437.5,
            Description: 'Deploy and configure 3 workstations, migrate user profiles',
            SalesItemLineDetail: {
              ItemRef: { value: 'item-Labor-Onsite' },
              Qty: 2.5,
              UnitPrice: 175,
              TaxCodeRef: { value: 'NON' },
            },
          },
        ],
        TxnTaxDetail: { TotalTax: 415.55 },
        CustomerMemo: { value: 'Acme Dental Group 24114' },
        PrivateNote:
          '[mobius:psa-invoice:4027] Imported by Mobius from ConnectWise PSA invoice 24114. PO PO-80879. Front desk workstation refresh',
      },
    });
  });

  it('maps credit memo 24115 to a QBO CreditMemo with positive amounts and no due date', () => {
    const psa = transaction(demo, '24115');
    expect(psa.totalCents).toBe(-72500);
    const result = toQboSalesDocument(psa, refsFor(demo.transactions), TAX);
    expect(result.ok && result.entity).toBe('CreditMemo');
    const body = built(result);
    expect(body).not.toHaveProperty('DueDate');
    expect(body.DocNumber).toBe('24115');
    expect(body.TxnDate).toBe('2025-10-31');
    expect(
      salesLines(body).map((line) => [line.Amount, line.SalesItemLineDetail.Qty, line.SalesItemLineDetail.UnitPrice]),
    ).toEqual([
      [500, 1, 500],
      [225, 1.5, 150],
    ]);
    expect(body.TxnTaxDetail).toEqual({ TotalTax: 0 });
    expect(body.PrivateNote).toMatch(
      /^\[mobius:psa-invoice:4029\] Imported by Mobius from ConnectWise PSA credit memo 24115\./,
    );
  });
});

describe('toQboSalesDocument on edge cases', () => {
  const refs = refsFor(edge.transactions, { fallbackItem: { value: '1', name: 'Services' } });

  it('refuses an invoice whose lines do not add up, naming both amounts', () => {
    expect(toQboSalesDocument(transaction(edge, '1037'), refs, TAX)).toEqual({
      ok: false,
      reason: 'LINES_DO_NOT_ADD_UP',
      message: 'The lines of invoice 1037 add up to $1,200.00 but its total before tax is $1,250.00.',
    });
  });

  it('derives the unit price from Amount / Qty when Qty × UnitPrice misses the Amount, never changing the Amount', () => {
    const body = built(toQboSalesDocument(transaction(edge, '1038'), refs, TAX));
    const [remote, flatFee, noCharge] = salesLines(body);
    // 3 × 33.33 = 99.99, not 100.00: 33.333 is the shortest price that gives 100.00.
    expect(remote).toMatchObject({
      Amount: 100,
      SalesItemLineDetail: {
        ItemRef: { value: 'item-Labor: Remote' },
        Qty: 3,
        UnitPrice: 33.333,
        TaxCodeRef: { value: 'TAX' },
      },
    });
    // Quantity 0 with an amount: no unit price can give it, so QBO gets the Amount alone.
    expect(flatFee).toEqual({
      DetailType: 'SalesItemLineDetail',
      Amount: 50,
      Description: 'Flat fee',
      SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' }, TaxCodeRef: { value: 'TAX' } },
    });
    expect(noCharge.SalesItemLineDetail).toMatchObject({ Qty: 2, UnitPrice: 0, TaxCodeRef: { value: 'NON' } });
    expect(noCharge.Amount).toBe(0);
    expect(linesCents(body)).toBe(15000);
    expect(body.TxnTaxDetail).toEqual({ TotalTax: 12.38 });
    expect(body.CustomerMemo).toEqual({ value: 'Thank you for your business.' });
    expect(body.PrivateNote).toContain('PO PO-5521.');
  });

  it('flips a credit memo line to a positive quantity and amount, deriving a price QBO accepts', () => {
    const result = toQboSalesDocument(transaction(edge, 'CM-1039'), refs, TAX);
    expect(result.ok && result.entity).toBe('CreditMemo');
    // 7 × 14.29 = 100.03; 7 × 14.286 = 100.002, which is 100.00 to the cent.
    expect(salesLines(built(result))[0]).toMatchObject({
      Amount: 100,
      SalesItemLineDetail: { Qty: 7, UnitPrice: 14.286, TaxCodeRef: { value: 'NON' } },
    });
  });

  it('refuses a document number longer than QBO allows', () => {
    expect(toQboSalesDocument(transaction(edge, 'INV-2025-0000000001040'), refs, TAX)).toEqual({
      ok: false,
      reason: 'DOC_NUMBER_TOO_LONG',
      message: 'The number of invoice INV-2025-0000000001040 has 22 characters; QuickBooks allows at most 21.',
    });
  });

  it('refuses an export without lines', () => {
    expect(toQboSalesDocument(transaction(edge, '1041'), refs, TAX)).toEqual({
      ok: false,
      reason: 'NO_LINES',
      message: 'The ConnectWise export of invoice 1041 has no lines to import.',
    });
  });

  it('refuses a credit memo that charges and an invoice that credits', () => {
    const charge = toQboSalesDocument(transaction(edge, '1042'), refs, TAX);
    expect(charge).toMatchObject({ ok: false, reason: 'NEGATIVE_TOTAL' });
    expect(!charge.ok && charge.message).toBe(
      'Credit memo 1042 comes to $50.00 in ConnectWise, a charge rather than a credit; QuickBooks refuses a negative credit memo.',
    );
    const psa = transaction(edge, '1042');
    const negativeInvoice = {
      ...psa,
      isCreditMemo: false,
      totalCents: -5000,
      lines: psa.lines.map((l) => ({ ...l, quantity: '-1', amountCents: -5000 })),
    };
    const credit = toQboSalesDocument(negativeInvoice, refs, TAX);
    expect(!credit.ok && credit.message).toBe(
      'Invoice 1042 totals -$50.00; QuickBooks refuses a negative invoice (issue it as a credit memo in ConnectWise).',
    );
  });

  it('refuses a line whose item has no QuickBooks item, and a line without item when there is no default', () => {
    const psa = transaction(edge, '1038');
    const withoutRemote = new Map([...refs.items].filter(([identifier]) => identifier !== 'Labor: Remote'));
    expect(toQboSalesDocument(psa, { ...refs, items: withoutRemote }, TAX)).toEqual({
      ok: false,
      reason: 'ITEM_NOT_MAPPED',
      message: 'Line 1 of invoice 1038 uses item "Labor: Remote", which has no QuickBooks item.',
    });
    expect(toQboSalesDocument(psa, { customer: refs.customer, items: refs.items }, TAX)).toEqual({
      ok: false,
      reason: 'ITEM_NOT_MAPPED',
      message: 'Line 2 of invoice 1038 names no item, and there is no default item to use.',
    });
  });

  it('words amounts of another currency with its code', () => {
    const psa = { ...transaction(edge, '1037'), currencyCode: 'EUR', totalCents: 125000000 };
    const result = toQboSalesDocument(psa, refs, TAX);
    expect(!result.ok && result.message).toBe(
      'The lines of invoice 1037 add up to 1,200.00 EUR but its total before tax is 1,250,000.00 EUR.',
    );
  });

  it('omits dates and the customer memo the PSA does not have, and keeps the marker when the note is cut', () => {
    const psa = {
      ...transaction(edge, '1038'),
      documentDate: null,
      dueDate: null,
      memo: null,
      description: 'x'.repeat(5000),
    };
    const body = built(toQboSalesDocument(psa, refs, TAX));
    expect(body).not.toHaveProperty('TxnDate');
    expect(body).not.toHaveProperty('DueDate');
    expect(body).not.toHaveProperty('CustomerMemo');
    expect(body.PrivateNote).toHaveLength(4000);
    expect(body.PrivateNote!.endsWith('…')).toBe(true);
    expect(isMobiusDocumentFor(body, 5002)).toBe(true);
  });

  it('always sends Qty × UnitPrice = Amount to the cent (or the Amount alone) and the PSA Amount untouched', () => {
    const base = transaction(edge, 'CM-1039');
    const quantities = ['1', '3', '7', '-2', '0.333333', '2.5', '1000', '12345.678901', '0.001', '999999'];
    const amounts = [1, 99, 100, 10000, 123457, 99999999];
    for (const quantity of quantities) {
      for (const amountCents of amounts) {
        for (const unitPrice of [null, '14.29']) {
          const line = { ...base.lines[0], quantity, unitPrice, amountCents };
          const psa = { ...base, isCreditMemo: false, totalCents: amountCents, salesTaxCents: 0, lines: [line] };
          const [mapped] = salesLines(built(toQboSalesDocument(psa, refs, TAX)));
          expect(Math.round(mapped.Amount * 100)).toBe(amountCents);
          expect(qtyTimesPriceIsAmount(mapped)).toBe(true);
          expect(mapped.SalesItemLineDetail.Qty ?? Number(quantity)).toBe(Number(quantity));
        }
      }
    }
  });
});

describe('documentMarker / isMobiusDocumentFor', () => {
  it('tags a PSA invoice id so that no other id matches', () => {
    expect(documentMarker(4027)).toBe('[mobius:psa-invoice:4027]');
    const note = { PrivateNote: 'Imported [mobius:psa-invoice:4027] by hand' };
    expect(isMobiusDocumentFor(note, 4027)).toBe(true);
    expect(isMobiusDocumentFor(note, 402)).toBe(false);
    expect(isMobiusDocumentFor(note, 40271)).toBe(false);
    expect(isMobiusDocumentFor({}, 4027)).toBe(false);
    expect(isMobiusDocumentFor({ PrivateNote: null }, 4027)).toBe(false);
    expect(() => documentMarker(1.5)).toThrow(RangeError);
  });
});

describe('toQboCustomer', () => {
  it('names the PSA company in the notes, with what the export knows of it', () => {
    const [acme] = demo.customers;
    expect(toQboCustomer(acme, 'Acme Dental Group (C1001)')).toEqual({
      DisplayName: 'Acme Dental Group (C1001)',
      CompanyName: 'Acme Dental Group',
      Notes:
        'ConnectWise PSA company "Acme Dental Group" (identifier AcmeDental, id 250, account C1001). Contact: Maria Alvarez. Billing terms: Net 30. Created by Mobius.',
    });
  });

  it('cleans the company name and leaves out what the export lacks', () => {
    const [smith, harbor] = edge.customers;
    expect(toQboCustomer(smith, 'Smith- Jones Associates LLP').CompanyName).toBe('Smith- Jones Associates LLP');
    expect(toQboCustomer(harbor, 'Harbor Clinic').Notes).toBe(
      'ConnectWise PSA company "Harbor Clinic" (id 302). Created by Mobius.',
    );
    const long = toQboCustomer({ ...harbor, name: 'Clinic '.repeat(400) }, 'x');
    expect(long.CompanyName!.length).toBeLessThanOrEqual(100);
    expect(long.Notes!.length).toBeLessThanOrEqual(2000);
  });
});

describe('psaItemsOf / toQboServiceItem', () => {
  it('lists the distinct items of the demo export in order of first use', () => {
    expect(psaItemsOf(demo.transactions).map((item) => item.identifier)).toEqual([
      'MS-GOLD',
      'MS365-BP',
      'S1-COMPLETE',
      'DUO-ESS',
      'BCDR-MONITOR',
      'DELL-LAT5550',
      'DELL-P2723D',
      'Labor-Onsite',
      'SVC-CREDIT',
      'Labor-Remote',
    ]);
  });

  it('makes a Service item on the mapped income account, with a name QBO accepts', () => {
    const [remote] = psaItemsOf([transaction(edge, '1038')]);
    expect(toQboServiceItem(remote, { value: '79', name: 'Services' })).toEqual({
      Name: 'Labor- Remote',
      Type: 'Service',
      IncomeAccountRef: { value: '79', name: 'Services' },
      Description: 'Remote support, three sessions at a third of the block',
    });
    expect(toQboServiceItem({ identifier: 'X', description: '  ' }, { value: '79' })).toEqual({
      Name: 'X',
      Type: 'Service',
      IncomeAccountRef: { value: '79' },
    });
  });
});
