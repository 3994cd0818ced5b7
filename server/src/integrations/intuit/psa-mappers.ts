import type { PsaExportCustomer, PsaExportLine, PsaExportTransaction } from '../connectwise/types';
import {
  centsToDecimal,
  divide,
  formatMoney,
  isZero,
  multiply,
  negate,
  parseDecimal,
  toCents,
  toJsonNumber,
  type Decimal,
} from './decimal';
import { cleanQboName, clipText, MAX_COMPANY_NAME_LENGTH, qboItemName } from './qbo-names';
import type {
  QboCustomerInput,
  QboItemInput,
  QboRef,
  QboSalesDocumentInput,
  QboSalesItemLine,
  QboSalesTransactionInput,
} from './types';

/** Pure functions from PSA GL export records to QBO request bodies (docs/psa-to-qbo-mapping.md). */

export const MAX_DOC_NUMBER_LENGTH = 21;
const MAX_CUSTOMER_NOTES_LENGTH = 2000;
const MAX_DESCRIPTION_LENGTH = 4000;
const MAX_CUSTOMER_MEMO_LENGTH = 1000;
const MAX_PRIVATE_NOTE_LENGTH = 4000;
const MIN_UNIT_PRICE_DECIMALS = 2;
/** QBO keeps up to seven decimal places of a unit price. */
const MAX_UNIT_PRICE_DECIMALS = 7;

// ---------------------------------------------------------------------------------------------- marker

/** The tag in a document's PrivateNote by which Mobius recognises what it created for a PSA invoice. */
export function documentMarker(psaInvoiceId: number): string {
  if (!Number.isSafeInteger(psaInvoiceId)) throw new RangeError('A PSA invoice id is an integer.');
  return `[mobius:psa-invoice:${psaInvoiceId}]`;
}

/** True when the document carries Mobius's marker for exactly this PSA invoice. */
export function isMobiusDocumentFor(document: { PrivateNote?: string | null }, psaInvoiceId: number): boolean {
  return (document.PrivateNote ?? '').includes(documentMarker(psaInvoiceId));
}

// ---------------------------------------------------------------------------------------------- customers, items

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '';
}

function customerNotes(customer: PsaExportCustomer): string {
  const ids = [
    present(customer.identifier) ? `identifier ${customer.identifier}` : null,
    `id ${customer.companyId}`,
    present(customer.accountNumber) ? `account ${customer.accountNumber}` : null,
  ].filter(present);
  const parts = [`ConnectWise PSA company "${customer.name}" (${ids.join(', ')}).`];
  if (present(customer.contactName)) parts.push(`Contact: ${customer.contactName}.`);
  if (present(customer.billingTerms)) parts.push(`Billing terms: ${customer.billingTerms}.`);
  parts.push('Created by Mobius.');
  return parts.join(' ');
}

/** A QBO customer for a PSA company; `displayName` comes from qboCustomerDisplayName. */
export function toQboCustomer(customer: PsaExportCustomer, displayName: string): QboCustomerInput {
  return {
    DisplayName: displayName,
    CompanyName: cleanQboName(customer.name, MAX_COMPANY_NAME_LENGTH),
    Notes: clipText(customerNotes(customer), MAX_CUSTOMER_NOTES_LENGTH),
  };
}

export interface PsaItem {
  /** The PSA item identifier, the key of the item refs. */
  identifier: string;
  description: string | null;
}

/** The distinct items the transactions' lines name, in order of first use, each with its first description. */
export function psaItemsOf(transactions: readonly PsaExportTransaction[]): PsaItem[] {
  const items = new Map<string, PsaItem>();
  for (const line of transactions.flatMap((transaction) => transaction.lines)) {
    const identifier = line.itemIdentifier;
    if (identifier === null) continue;
    const known = items.get(identifier);
    if (!known) items.set(identifier, { identifier, description: line.description });
    else if (known.description === null && line.description !== null) known.description = line.description;
  }
  return [...items.values()];
}

/** A QBO `Service` item for a PSA item, on the mapped income account. */
export function toQboServiceItem(item: PsaItem, incomeAccountRef: QboRef): QboItemInput {
  return {
    Name: qboItemName(item.identifier),
    Type: 'Service',
    IncomeAccountRef: incomeAccountRef,
    ...(present(item.description) ? { Description: clipText(item.description.trim(), MAX_DESCRIPTION_LENGTH) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------- sales documents

export type SalesDocumentFailureReason =
  'NO_LINES' | 'DOC_NUMBER_TOO_LONG' | 'ITEM_NOT_MAPPED' | 'LINES_DO_NOT_ADD_UP' | 'NEGATIVE_TOTAL';

export interface SalesDocumentRefs {
  customer: QboRef;
  /** By PSA item identifier. */
  items: ReadonlyMap<string, QboRef>;
  /** For lines that name no PSA item. */
  fallbackItem?: QboRef;
}

export interface TaxCodeMapping {
  taxableTaxCode: string;
  nonTaxableTaxCode: string;
}

export type SalesDocumentResult =
  ({ ok: true } & QboSalesDocumentInput) | { ok: false; reason: SalesDocumentFailureReason; message: string };

function failure(reason: SalesDocumentFailureReason, message: string): SalesDocumentResult {
  return { ok: false, reason, message };
}

/** Qty and UnitPrice such that Qty × UnitPrice rounds to the line's Amount to the cent, or neither. */
function linePricing(
  quantity: Decimal,
  unitPrice: Decimal | null,
  amountCents: number,
): { Qty?: number; UnitPrice?: number } {
  if (unitPrice !== null && toCents(multiply(quantity, unitPrice)) === amountCents) {
    return { Qty: toJsonNumber(quantity), UnitPrice: toJsonNumber(unitPrice) };
  }
  // No unit price turns a zero quantity into an amount: QBO is sent the Amount alone.
  if (isZero(quantity)) return amountCents === 0 ? { Qty: 0, UnitPrice: 0 } : {};
  const amount = centsToDecimal(amountCents);
  for (let decimals = MIN_UNIT_PRICE_DECIMALS; decimals <= MAX_UNIT_PRICE_DECIMALS; decimals += 1) {
    const derived = divide(amount, quantity, decimals);
    if (toCents(multiply(quantity, derived)) === amountCents) {
      return { Qty: toJsonNumber(quantity), UnitPrice: toJsonNumber(derived) };
    }
  }
  return {};
}

function salesLine(line: PsaExportLine, sign: 1 | -1, item: QboRef, taxCode: string): QboSalesItemLine {
  const amountCents = line.amountCents === 0 ? 0 : sign * line.amountCents;
  const parsedQuantity = parseDecimal(line.quantity);
  const quantity = sign === 1 ? parsedQuantity : negate(parsedQuantity);
  const unitPrice = line.unitPrice === null ? null : parseDecimal(line.unitPrice);
  const description = present(line.description) ? line.description : line.memo;
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: amountCents / 100,
    ...(present(description) ? { Description: clipText(description, MAX_DESCRIPTION_LENGTH) } : {}),
    SalesItemLineDetail: {
      ItemRef: item,
      ...linePricing(quantity, unitPrice, amountCents),
      TaxCodeRef: { value: taxCode },
    },
  };
}

function privateNote(transaction: PsaExportTransaction, noun: string): string {
  const parts = [
    documentMarker(transaction.id),
    `Imported by Mobius from ConnectWise PSA ${noun} ${transaction.invoiceNumber}.`,
  ];
  if (present(transaction.purchaseOrderNumber)) parts.push(`PO ${transaction.purchaseOrderNumber}.`);
  if (present(transaction.description)) parts.push(transaction.description);
  // The marker comes first, so cutting the note to QBO's length never cuts the marker.
  return clipText(parts.join(' '), MAX_PRIVATE_NOTE_LENGTH);
}

/**
 * The QBO Invoice (or CreditMemo, for a PSA credit memo) of a PSA GL export transaction, or why it cannot be one.
 * Credit memo amounts are negative in the PSA and positive in QBO.
 */
export function toQboSalesDocument(
  transaction: PsaExportTransaction,
  refs: SalesDocumentRefs,
  mapping: TaxCodeMapping,
): SalesDocumentResult {
  const isCredit = transaction.isCreditMemo;
  const sign: 1 | -1 = isCredit ? -1 : 1;
  const noun = isCredit ? 'credit memo' : 'invoice';
  const title = `${noun} ${transaction.invoiceNumber}`;
  const money = (cents: number): string => formatMoney(cents, transaction.currencyCode);

  if (transaction.lines.length === 0) {
    return failure('NO_LINES', `The ConnectWise export of ${title} has no lines to import.`);
  }
  if (transaction.invoiceNumber.length > MAX_DOC_NUMBER_LENGTH) {
    return failure(
      'DOC_NUMBER_TOO_LONG',
      `The number of ${title} has ${transaction.invoiceNumber.length} characters; QuickBooks allows at most ${MAX_DOC_NUMBER_LENGTH}.`,
    );
  }

  const lines: QboSalesItemLine[] = [];
  for (const [index, line] of transaction.lines.entries()) {
    const item = line.itemIdentifier === null ? refs.fallbackItem : refs.items.get(line.itemIdentifier);
    if (!item) {
      return failure(
        'ITEM_NOT_MAPPED',
        line.itemIdentifier === null
          ? `Line ${index + 1} of ${title} names no item, and there is no default item to use.`
          : `Line ${index + 1} of ${title} uses item "${line.itemIdentifier}", which has no QuickBooks item.`,
      );
    }
    const taxCode = line.taxable ? mapping.taxableTaxCode : mapping.nonTaxableTaxCode;
    lines.push(salesLine(line, sign, item, taxCode));
  }

  const linesCents = sign * transaction.lines.reduce((sum, line) => sum + line.amountCents, 0);
  const beforeTaxCents = sign * (transaction.totalCents - transaction.salesTaxCents);
  if (linesCents !== beforeTaxCents) {
    return failure(
      'LINES_DO_NOT_ADD_UP',
      `The lines of ${title} add up to ${money(linesCents)} but its total before tax is ${money(beforeTaxCents)}.`,
    );
  }
  const totalCents = sign * transaction.totalCents;
  if (totalCents < 0) {
    return failure(
      'NEGATIVE_TOTAL',
      isCredit
        ? `Credit memo ${transaction.invoiceNumber} comes to ${money(transaction.totalCents)} in ConnectWise, a charge rather than a credit; QuickBooks refuses a negative credit memo.`
        : `Invoice ${transaction.invoiceNumber} totals ${money(totalCents)}; QuickBooks refuses a negative invoice (issue it as a credit memo in ConnectWise).`,
    );
  }

  const taxCents = transaction.salesTaxCents === 0 ? 0 : sign * transaction.salesTaxCents;
  const body: QboSalesTransactionInput = {
    CustomerRef: refs.customer,
    DocNumber: transaction.invoiceNumber,
    ...(transaction.documentDate !== null ? { TxnDate: transaction.documentDate } : {}),
    Line: lines,
    TxnTaxDetail: { TotalTax: taxCents / 100 },
    ...(present(transaction.memo)
      ? { CustomerMemo: { value: clipText(transaction.memo, MAX_CUSTOMER_MEMO_LENGTH) } }
      : {}),
    PrivateNote: privateNote(transaction, noun),
  };
  if (isCredit) return { ok: true, entity: 'CreditMemo', body };
  return {
    ok: true,
    entity: 'Invoice',
    body: { ...body, ...(transaction.dueDate !== null ? { DueDate: transaction.dueDate } : {}) },
  };
}
