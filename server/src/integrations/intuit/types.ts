/** Our typing of the QBO Accounting API v3 JSON we send and read (docs/vendors/quickbooks-online.md §1, §2, §4, §5). Ids are strings. */

export interface QboRef {
  value: string;
  name?: string;
}

export interface QboMetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

/** Fields QBO adds to every stored entity. */
export interface QboStored {
  Id: string;
  SyncToken: string;
  MetaData?: QboMetaData;
  domain?: string;
  sparse?: boolean;
}

export interface QboEmailAddress {
  Address: string;
}

export interface QboPhysicalAddress {
  Id?: string;
  Line1?: string;
  Line2?: string;
  Line3?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

export interface QboCustomerInput {
  DisplayName: string;
  CompanyName?: string;
  GivenName?: string;
  FamilyName?: string;
  PrimaryEmailAddr?: QboEmailAddress;
  PrimaryPhone?: { FreeFormNumber: string };
  BillAddr?: QboPhysicalAddress;
  Notes?: string;
  Taxable?: boolean;
  Active?: boolean;
}

export interface QboCustomer extends QboCustomerInput, QboStored {
  FullyQualifiedName?: string;
  PrintOnCheckName?: string;
  Balance?: number;
  CurrencyRef?: QboRef;
}

export interface QboVendor extends QboStored {
  DisplayName: string;
  CompanyName?: string;
  Active?: boolean;
}

export type QboItemType = 'Service' | 'NonInventory' | 'Inventory';

export interface QboItemInput {
  Name: string;
  Type: QboItemType;
  IncomeAccountRef: QboRef;
  Description?: string;
  UnitPrice?: number;
  Taxable?: boolean;
  Active?: boolean;
  ExpenseAccountRef?: QboRef;
  AssetAccountRef?: QboRef;
  TrackQtyOnHand?: boolean;
  QtyOnHand?: number;
  InvStartDate?: string;
}

export interface QboItem extends QboItemInput, QboStored {
  FullyQualifiedName?: string;
}

export interface QboSalesItemLine {
  Id?: string;
  LineNum?: number;
  DetailType: 'SalesItemLineDetail';
  Amount: number;
  Description?: string;
  SalesItemLineDetail: {
    ItemRef: QboRef;
    Qty?: number;
    UnitPrice?: number;
    TaxCodeRef?: QboRef;
    ServiceDate?: string;
  };
}

export interface QboDescriptionLine {
  Id?: string;
  LineNum?: number;
  DetailType: 'DescriptionOnly';
  Description: string;
  Amount?: number;
  DescriptionLineDetail?: Record<string, unknown>;
}

export interface QboDiscountLine {
  Id?: string;
  LineNum?: number;
  DetailType: 'DiscountLineDetail';
  Amount?: number;
  DiscountLineDetail: { PercentBased: boolean; DiscountPercent?: number; DiscountAccountRef?: QboRef };
}

export interface QboSubTotalLine {
  Id?: string;
  LineNum?: number;
  DetailType: 'SubTotalLineDetail';
  Amount: number;
  SubTotalLineDetail: Record<string, unknown>;
}

export type QboInvoiceLineInput = QboSalesItemLine | QboDescriptionLine | QboDiscountLine;
export type QboInvoiceLine = QboInvoiceLineInput | QboSubTotalLine;

/** What invoices and credit memos share. */
export interface QboSalesTransactionInput {
  CustomerRef: QboRef;
  Line: QboInvoiceLineInput[];
  /** The PSA invoice number; at most 21 characters. */
  DocNumber?: string;
  TxnDate?: string;
  BillEmail?: QboEmailAddress;
  /** Not shown to the customer; carries Mobius's marker. */
  PrivateNote?: string;
  /** Shown to the customer. */
  CustomerMemo?: { value: string };
  TxnTaxDetail?: { TotalTax?: number; TxnTaxCodeRef?: QboRef };
}

export interface QboInvoiceInput extends QboSalesTransactionInput {
  DueDate?: string;
  SalesTermRef?: QboRef;
}

export interface QboInvoice extends Omit<QboInvoiceInput, 'Line'>, QboStored {
  Line: QboInvoiceLine[];
  TotalAmt: number;
  Balance: number;
  CurrencyRef?: QboRef;
}

/** A sparse or full update: the current Id + SyncToken, plus what changes. */
export type QboInvoiceUpdate = Partial<QboInvoiceInput> & { Id: string; SyncToken: string; sparse?: boolean };

/** A credit memo has no due date; amounts are positive (QBO credits the customer). */
export type QboCreditMemoInput = QboSalesTransactionInput;

export interface QboCreditMemo extends Omit<QboCreditMemoInput, 'Line'>, QboStored {
  Line: QboInvoiceLine[];
  TotalAmt: number;
  Balance?: number;
  /** What is left to apply to invoices. */
  RemainingCredit?: number;
  CurrencyRef?: QboRef;
}

export interface QboAccount extends QboStored {
  Name: string;
  FullyQualifiedName?: string;
  Active?: boolean;
  Classification?: string;
  AccountType: string;
  AccountSubType?: string;
  AcctNum?: string;
}

export interface QboTaxCode extends QboStored {
  Name: string;
  Description?: string;
  Active?: boolean;
  Taxable?: boolean;
  TaxGroup?: boolean;
}

export interface QboCompanyInfo extends QboStored {
  CompanyName: string;
  LegalName?: string;
  Country?: string;
  Email?: QboEmailAddress;
}

export type QboSalesDocumentEntity = 'Invoice' | 'CreditMemo';

/** An invoice or a credit memo, named by its QBO entity. */
export type QboSalesDocumentInput =
  { entity: 'Invoice'; body: QboInvoiceInput } | { entity: 'CreditMemo'; body: QboCreditMemoInput };

export interface QboEntityMap {
  Customer: QboCustomer;
  Vendor: QboVendor;
  Item: QboItem;
  Invoice: QboInvoice;
  CreditMemo: QboCreditMemo;
  Account: QboAccount;
  TaxCode: QboTaxCode;
  CompanyInfo: QboCompanyInfo;
}
export type QboEntityName = keyof QboEntityMap;

export type QboScalar = string | number | boolean;
export type QboOperator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE';
/** A value is `=`, an array is `IN (…)`, an object picks another operator. */
export type QboCondition = QboScalar | readonly QboScalar[] | { operator: QboOperator; value: QboScalar };
export type QboWhere = Readonly<Record<string, QboCondition>>;

export interface QboPage {
  /** 1-based. */
  startPosition?: number;
  /** At most 1000 (QBO's cap); QBO's default is 100. */
  maxResults?: number;
  orderBy?: string;
}

/** One QBO error as QBO words it (code, Message, Detail are QBO's own). */
export interface QboFault {
  code: string;
  message: string;
  detail?: string;
  element?: string;
}

export type QboBatchOperation = 'create' | 'update' | 'delete';

export type QboBatchItemRequest =
  | { bId: string; Query: string }
  | ({ bId: string; operation: QboBatchOperation } & (
      | { Customer: Partial<QboCustomer> }
      | { Item: Partial<QboItem> }
      | { Invoice: Partial<QboInvoice> | QboInvoiceInput }
      | { CreditMemo: Partial<QboCreditMemo> | QboCreditMemoInput }
      | { Vendor: Partial<QboVendor> }
    ));

export interface QboBatchItemResponse {
  bId: string;
  Customer?: QboCustomer;
  Item?: QboItem;
  Invoice?: QboInvoice;
  CreditMemo?: QboCreditMemo;
  Vendor?: QboVendor;
  QueryResponse?: Record<string, unknown>;
  /** Per-item failure inside a 200 answer. */
  Fault?: { type: string; faults: QboFault[] };
}
