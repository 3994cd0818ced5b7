import {
  businessValidation,
  duplicateName,
  invalidCharacters,
  invalidProperty,
  invalidReference,
  objectNotFound,
  requiredParamMissing,
  staleObject,
  stringLength,
  unrecognizedField,
  unsupportedOperation,
  validation,
  type JsonObject,
} from './qbo-faults';
import { parseQuery, runQuery, type QueryableEntity } from './qbo-query';
import { addDays, qboDate, qboDateTime } from './qbo-time';
import { US_CHART_OF_ACCOUNTS, type SandboxCompanySeed } from './intuit.seed';

/**
 * One QBO company (realm): its entities and the business rules QBO applies to writes
 * (docs/vendors/quickbooks-online.md §2–§3).
 */

export type StoredEntity = Exclude<QueryableEntity, 'CompanyInfo'>;
export type SalesTransaction = 'Invoice' | 'CreditMemo';
export type WritableEntity = 'Customer' | 'Vendor' | 'Employee' | 'Item' | SalesTransaction;

const WRITABLE: ReadonlySet<string> = new Set<WritableEntity>([
  'Customer',
  'Vendor',
  'Employee',
  'Item',
  'Invoice',
  'CreditMemo',
]);
const SALES_TRANSACTIONS: ReadonlySet<string> = new Set<SalesTransaction>(['Invoice', 'CreditMemo']);
const NAME_ENTITIES: ReadonlyArray<StoredEntity> = ['Customer', 'Vendor', 'Employee'];
const ITEM_TYPES = new Set(['Service', 'NonInventory', 'Inventory']);
const LINE_TYPES = new Set(['SalesItemLineDetail', 'DescriptionOnly', 'DiscountLineDetail', 'SubTotalLineDetail']);
const USD = { value: 'USD', name: 'United States Dollar' };
const DOC_NUMBER_MAX = 21;
const DISPLAY_NAME_MAX = 500;
const ITEM_NAME_MAX = 100;
/** Name parts and their maximum lengths (Intuit's Customer/Vendor/Employee reference). */
const NAME_PARTS: Readonly<Record<string, number>> = {
  Title: 16,
  GivenName: 100,
  MiddleName: 100,
  FamilyName: 100,
  Suffix: 16,
};
/** `:` separates sub-customers and sub-items (Parent:Child); tabs, new lines and other controls are refused too. */
function hasIllegalNameCharacter(value: string): boolean {
  return [...value].some((char) => char === ':' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

/** Fields the server owns; a client cannot set them. */
const SYSTEM_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

export const ENTITY_BY_PATH: Readonly<Record<string, QueryableEntity>> = {
  customer: 'Customer',
  vendor: 'Vendor',
  employee: 'Employee',
  item: 'Item',
  invoice: 'Invoice',
  creditmemo: 'CreditMemo',
  account: 'Account',
  taxcode: 'TaxCode',
  companyinfo: 'CompanyInfo',
};

export interface WriteOptions {
  /** `include=allowduplicatedocnum`. */
  allowDuplicateDocNumber?: boolean;
}

export class QboCompany {
  readonly realmId: string;
  readonly companyName: string;
  private readonly tables: Record<StoredEntity, Map<string, JsonObject>> = {
    Customer: new Map(),
    Vendor: new Map(),
    Employee: new Map(),
    Item: new Map(),
    Invoice: new Map(),
    CreditMemo: new Map(),
    Account: new Map(),
    TaxCode: new Map(),
  };
  private readonly sequences = { name: 0, item: 0, account: 0, txn: 0, docNumber: 1000 };
  private companyInfo: JsonObject;

  constructor(
    seed: SandboxCompanySeed,
    private readonly now: () => number,
  ) {
    this.realmId = seed.realmId;
    this.companyName = seed.companyName;
    const created = this.metaData();
    this.companyInfo = {
      CompanyName: seed.companyName,
      LegalName: seed.legalName ?? seed.companyName,
      CompanyAddr: { Id: '1', ...(seed.address ?? {}), Country: 'US' },
      LegalAddr: { Id: '1', ...(seed.address ?? {}), Country: 'US' },
      CustomerCommunicationAddr: { Id: '1', ...(seed.address ?? {}) },
      PrimaryPhone: {},
      Email: { Address: seed.email ?? 'noreply@quickbooks.test' },
      WebAddr: {},
      Country: 'US',
      SupportedLanguages: 'en',
      FiscalYearStartMonth: 'January',
      CompanyStartDate: created.CreateTime.slice(0, 10),
      NameValue: [
        { Name: 'NeoEnabled', Value: 'true' },
        { Name: 'IndustryType', Value: 'Information technology services' },
        { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
        { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      ],
      domain: 'QBO',
      sparse: false,
      Id: '1',
      SyncToken: '0',
      MetaData: created,
    };

    for (const account of seed.accounts ?? US_CHART_OF_ACCOUNTS) {
      const id = String(++this.sequences.account);
      this.tables.Account.set(id, {
        Name: account.Name,
        SubAccount: false,
        FullyQualifiedName: account.Name,
        Active: true,
        Classification: account.Classification,
        AccountType: account.AccountType,
        AccountSubType: account.AccountSubType,
        ...(account.AcctNum ? { AcctNum: account.AcctNum } : {}),
        CurrentBalance: 0,
        CurrentBalanceWithSubAccounts: 0,
        CurrencyRef: USD,
        domain: 'QBO',
        sparse: false,
        Id: id,
        SyncToken: '0',
        MetaData: created,
      });
    }
    for (const [code, taxable] of [
      ['TAX', true],
      ['NON', false],
    ] as const) {
      this.tables.TaxCode.set(code, {
        Name: code,
        Description: code === 'TAX' ? 'TAX' : 'NON',
        Active: true,
        Hidden: false,
        Taxable: taxable,
        TaxGroup: false,
        domain: 'QBO',
        sparse: false,
        Id: code,
        SyncToken: '0',
        MetaData: created,
      });
    }
    for (const customer of seed.customers ?? []) this.create('Customer', customer);
    for (const vendor of seed.vendors ?? []) this.create('Vendor', vendor);
    for (const employee of seed.employees ?? []) this.create('Employee', employee);
    for (const item of seed.items ?? []) {
      const account = this.findByName('Account', item.incomeAccount);
      if (!account) throw new Error(`Seed item ${item.Name} names an unknown income account.`);
      const { incomeAccount: _incomeAccount, ...fields } = item;
      this.create('Item', { ...fields, IncomeAccountRef: { value: account.Id, name: account.Name } });
    }
  }

  getCompanyInfo(): JsonObject {
    return clone(this.companyInfo);
  }

  list(entity: StoredEntity): JsonObject[] {
    return [...this.tables[entity].values()].map(clone);
  }

  findByName(entity: StoredEntity, name: string): JsonObject | undefined {
    const key = nameKey(name);
    for (const row of this.tables[entity].values()) {
      if (nameKey(String(row.Name ?? row.DisplayName ?? '')) === key) return clone(row);
    }
    return undefined;
  }

  read(entity: QueryableEntity, id: string): JsonObject {
    if (entity === 'CompanyInfo') {
      if (id !== this.realmId && id !== '1') throw objectNotFound('CompanyInfo', id);
      return this.getCompanyInfo();
    }
    const row = this.tables[entity].get(id);
    if (!row) throw objectNotFound(entity, id);
    return clone(row);
  }

  /** `{"QueryResponse": …}` for a statement. */
  query(statement: string): JsonObject {
    const parsed = parseQuery(statement);
    const rows = parsed.entity === 'CompanyInfo' ? [this.getCompanyInfo()] : this.list(parsed.entity);
    const result = runQuery(parsed, rows);
    if (parsed.count) return { totalCount: result.totalCount };
    if (result.rows.length === 0) return {};
    return { [parsed.entity]: result.rows, startPosition: parsed.startPosition, maxResults: result.rows.length };
  }

  /** Create, update (Id + SyncToken) or delete, as `POST /{entity}[?operation=…]` does. */
  write(entity: QueryableEntity, body: unknown, operation: string | undefined, options: WriteOptions = {}): JsonObject {
    if (!WRITABLE.has(entity))
      throw unsupportedOperation(`Operation ${operation ?? 'create'} is not supported on ${entity}.`);
    const input = asObject(body);
    const op = (operation ?? (input.Id !== undefined ? 'update' : 'create')).toLowerCase();
    if (op === 'create') return this.create(entity as WritableEntity, input, options);
    if (op === 'update') return this.update(entity as WritableEntity, input, options);
    if (op === 'delete') return this.remove(entity as WritableEntity, input);
    throw unsupportedOperation(`Operation ${op} is not supported.`);
  }

  create(entity: WritableEntity, input: JsonObject, options: WriteOptions = {}): JsonObject {
    const fields = withoutSystemFields(input);
    const row = this.normalize(entity, fields, undefined, options);
    const id = String(this.nextId(entity));
    const meta = this.metaData();
    const stored: JsonObject = { ...row, domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: meta };
    this.tables[entity].set(id, stored);
    this.adjustBalance(entity, stored, 1);
    return clone(stored);
  }

  update(entity: WritableEntity, input: JsonObject, options: WriteOptions = {}): JsonObject {
    const existing = this.existingForWrite(entity, input);
    const fields = withoutSystemFields(input);
    const base = input.sparse === true ? withoutSystemFields(existing) : {};
    const row = this.normalize(entity, { ...base, ...fields }, existing, options);
    const meta = existing.MetaData as JsonObject;
    const stored: JsonObject = {
      ...row,
      domain: 'QBO',
      sparse: false,
      Id: existing.Id,
      SyncToken: String(Number(existing.SyncToken) + 1),
      MetaData: { ...meta, LastUpdatedTime: qboDateTime(this.now()) },
    };
    this.tables[entity].set(String(existing.Id), stored);
    this.adjustBalance(entity, existing, -1);
    this.adjustBalance(entity, stored, 1);
    return clone(stored);
  }

  remove(entity: WritableEntity, input: JsonObject): JsonObject {
    if (!SALES_TRANSACTIONS.has(entity)) throw unsupportedOperation(`Operation delete is not supported on ${entity}.`);
    const existing = this.existingForWrite(entity, input);
    this.tables[entity].delete(String(existing.Id));
    this.adjustBalance(entity, existing, -1);
    return { status: 'Deleted', domain: 'QBO', Id: existing.Id };
  }

  private existingForWrite(entity: WritableEntity, input: JsonObject): JsonObject {
    const id = input.Id === undefined || input.Id === null ? '' : String(input.Id);
    if (!id) throw requiredParamMissing('Id');
    const existing = this.tables[entity].get(id);
    if (!existing) throw objectNotFound(entity, id);
    if (input.SyncToken === undefined || input.SyncToken === null || input.SyncToken === '') {
      throw requiredParamMissing('SyncToken');
    }
    if (String(input.SyncToken) !== existing.SyncToken) throw staleObject();
    return existing;
  }

  private nextId(entity: WritableEntity): number {
    if (entity === 'Item') return ++this.sequences.item;
    if (SALES_TRANSACTIONS.has(entity)) return ++this.sequences.txn;
    return ++this.sequences.name;
  }

  private metaData(): { CreateTime: string; LastUpdatedTime: string } {
    const stamp = qboDateTime(this.now());
    return { CreateTime: stamp, LastUpdatedTime: stamp };
  }

  private normalize(
    entity: WritableEntity,
    input: JsonObject,
    existing: JsonObject | undefined,
    options: WriteOptions,
  ): JsonObject {
    switch (entity) {
      case 'Customer':
      case 'Vendor':
      case 'Employee':
        return this.normalizeNameEntity(entity, input, existing);
      case 'Item':
        return this.normalizeItem(input, existing);
      case 'Invoice':
      case 'CreditMemo':
        return this.normalizeSalesTransaction(entity, input, existing, options);
    }
  }

  private normalizeNameEntity(
    entity: 'Customer' | 'Vendor' | 'Employee',
    input: JsonObject,
    existing?: JsonObject,
  ): JsonObject {
    checkName('DisplayName', input.DisplayName, DISPLAY_NAME_MAX);
    for (const [part, max] of Object.entries(NAME_PARTS)) checkName(part, input[part], max);
    const parts = Object.keys(NAME_PARTS)
      .map((key) => optionalString(input[key]))
      .filter((part): part is string => !!part);
    const displayName =
      optionalString(input.DisplayName) ??
      (parts.length > 0 ? parts.join(' ') : undefined) ??
      optionalString(input.CompanyName);
    if (!displayName) throw requiredParamMissing('DisplayName');
    this.assertUniqueName(displayName, existing?.Id as string | undefined);

    const row: JsonObject = {
      ...input,
      DisplayName: displayName,
      PrintOnCheckName: optionalString(input.PrintOnCheckName) ?? optionalString(input.CompanyName) ?? displayName,
      Active: input.Active === undefined ? true : input.Active !== false,
    };
    if (entity === 'Customer') {
      Object.assign(row, {
        FullyQualifiedName: displayName,
        Taxable: input.Taxable === undefined ? true : input.Taxable === true,
        Job: false,
        BillWithParent: false,
        Balance: existing?.Balance ?? 0,
        BalanceWithJobs: existing?.BalanceWithJobs ?? 0,
        CurrencyRef: USD,
        PreferredDeliveryMethod: input.PreferredDeliveryMethod ?? 'Print',
        IsProject: false,
      });
    } else if (entity === 'Vendor') {
      Object.assign(row, { Vendor1099: input.Vendor1099 === true, Balance: existing?.Balance ?? 0, CurrencyRef: USD });
    }
    if (isObject(row.BillAddr)) row.BillAddr = { Id: String(this.sequences.name + 100), ...row.BillAddr };
    return row;
  }

  private assertUniqueName(name: string, selfId?: string): void {
    const key = nameKey(name);
    for (const entity of NAME_ENTITIES) {
      for (const row of this.tables[entity].values()) {
        if (row.Id !== selfId && nameKey(String(row.DisplayName ?? '')) === key) throw duplicateName('name', name);
      }
    }
  }

  private normalizeItem(input: JsonObject, existing?: JsonObject): JsonObject {
    checkName('Name', input.Name, ITEM_NAME_MAX);
    const name = optionalString(input.Name);
    if (!name) throw requiredParamMissing('Name');
    for (const row of this.tables.Item.values()) {
      if (row.Id !== existing?.Id && nameKey(String(row.Name ?? '')) === nameKey(name))
        throw duplicateName('item', name);
    }
    // QBO defaults an untyped item to a non-inventory product.
    const type = optionalString(input.Type) ?? 'NonInventory';
    if (!ITEM_TYPES.has(type))
      throw invalidProperty(`Property Name:Type specified is unsupported or invalid (${type})`);
    if (input.IncomeAccountRef === undefined)
      businessValidationFail('Select an income account for this product or service.');
    const income = this.resolveRef('Account', input.IncomeAccountRef, 'IncomeAccountRef');
    const row: JsonObject = {
      ...input,
      Name: name,
      FullyQualifiedName: name,
      Active: input.Active === undefined ? true : input.Active !== false,
      Taxable: input.Taxable === true,
      UnitPrice: toNumber(input.UnitPrice) ?? 0,
      Type: type,
      IncomeAccountRef: { value: income.Id, name: income.Name },
      PurchaseCost: toNumber(input.PurchaseCost) ?? 0,
      TrackQtyOnHand: input.TrackQtyOnHand === true,
    };
    if (input.ExpenseAccountRef !== undefined) {
      const expense = this.resolveRef('Account', input.ExpenseAccountRef, 'ExpenseAccountRef');
      row.ExpenseAccountRef = { value: expense.Id, name: expense.Name };
    }
    if (type === 'Inventory') {
      for (const required of ['AssetAccountRef', 'ExpenseAccountRef', 'QtyOnHand', 'InvStartDate']) {
        if (input[required] === undefined) throw requiredParamMissing(required);
      }
      if (input.TrackQtyOnHand !== true) businessValidationFail('Inventory items must track quantity on hand.');
      const asset = this.resolveRef('Account', input.AssetAccountRef, 'AssetAccountRef');
      row.AssetAccountRef = { value: asset.Id, name: asset.Name };
    }
    return row;
  }

  /** Invoice and CreditMemo share QBO's sales-form rules; a credit memo has no DueDate and counts as a credit. */
  private normalizeSalesTransaction(
    entity: SalesTransaction,
    input: JsonObject,
    existing: JsonObject | undefined,
    options: WriteOptions,
  ): JsonObject {
    if (entity === 'CreditMemo' && input.DueDate !== undefined) throw unrecognizedField(entity, 'DueDate');
    if (input.CustomerRef === undefined || input.CustomerRef === null) throw requiredParamMissing('CustomerRef');
    const customer = this.resolveRef('Customer', input.CustomerRef, 'CustomerRef');

    const rawLines = Array.isArray(input.Line) ? input.Line : [];
    const lines = rawLines
      .map((line, index) => asLine(line, index))
      .filter((line) => line.DetailType !== 'SubTotalLineDetail');
    if (lines.length === 0) throw requiredParamMissing('Line');

    let subtotalCents = 0;
    const outLines: JsonObject[] = [];
    const discountLines: JsonObject[] = [];
    let lineNumber = 0;
    for (const line of lines) {
      lineNumber += 1;
      const detailType = String(line.DetailType);
      if (detailType === 'SalesItemLineDetail') {
        const detail = isObject(line.SalesItemLineDetail) ? line.SalesItemLineDetail : {};
        const amount = toNumber(line.Amount);
        if (amount === undefined) throw requiredParamMissing('Line.Amount');
        const qty = toNumber(detail.Qty);
        const unitPrice = toNumber(detail.UnitPrice);
        if (qty !== undefined && unitPrice !== undefined && Math.abs(cents(qty * unitPrice) - cents(amount)) > 1) {
          throw validation(
            '6070',
            'Amount calculation incorrect in the request',
            `Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`,
          );
        }
        const item =
          detail.ItemRef === undefined
            ? this.findByName('Item', 'Services')
            : this.resolveRef('Item', detail.ItemRef, 'ItemRef');
        if (!item) throw requiredParamMissing('ItemRef');
        const taxCode =
          detail.TaxCodeRef === undefined
            ? this.read('TaxCode', item.Taxable === true ? 'TAX' : 'NON')
            : this.resolveRef('TaxCode', detail.TaxCodeRef, 'TaxCodeRef');
        subtotalCents += cents(amount);
        outLines.push({
          ...line,
          Id: String(lineNumber),
          LineNum: lineNumber,
          Amount: amount,
          DetailType: detailType,
          SalesItemLineDetail: {
            ...detail,
            ItemRef: { value: item.Id, name: item.Name },
            ...(unitPrice !== undefined ? { UnitPrice: unitPrice } : {}),
            ...(qty !== undefined ? { Qty: qty } : {}),
            TaxCodeRef: { value: taxCode.Id },
          },
        });
      } else if (detailType === 'DescriptionOnly') {
        outLines.push({
          ...line,
          Id: String(lineNumber),
          LineNum: lineNumber,
          DescriptionLineDetail: line.DescriptionLineDetail ?? {},
        });
      } else {
        discountLines.push({ ...line, Id: String(lineNumber), LineNum: lineNumber });
      }
    }

    let discountCents = 0;
    for (const line of discountLines) {
      const detail = isObject(line.DiscountLineDetail) ? line.DiscountLineDetail : {};
      const percent = toNumber(detail.DiscountPercent);
      const lineCents =
        detail.PercentBased === true && percent !== undefined
          ? Math.round((subtotalCents * percent) / 100)
          : cents(toNumber(line.Amount) ?? 0);
      line.Amount = lineCents / 100;
      discountCents += lineCents;
    }
    const taxDetail = isObject(input.TxnTaxDetail) ? input.TxnTaxDetail : {};
    // Tax is whatever the request states (no automated sales-tax engine in the simulator).
    const taxCents = cents(toNumber(taxDetail.TotalTax) ?? 0);
    const totalCents = subtotalCents - discountCents + taxCents;

    const docNumber = optionalString(input.DocNumber) ?? (existing ? undefined : String(++this.sequences.docNumber));
    if (docNumber !== undefined) {
      if (docNumber.length > DOC_NUMBER_MAX) {
        throw validation(
          '2050',
          'String length is either shorter or longer than supported by specification',
          `String length specified does not match the supported length. Min:0 Max:${DOC_NUMBER_MAX} supported. Supplied length:${docNumber.length}`,
          'DocNumber',
        );
      }
      if (!options.allowDuplicateDocNumber) {
        for (const row of this.tables[entity].values()) {
          if (row.Id !== existing?.Id && String(row.DocNumber ?? '') === docNumber) {
            throw validation(
              '6140',
              'Duplicate Document Number Error',
              `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${entity} with TxnId=${String(row.Id)}`,
            );
          }
        }
      }
    }

    const txnDate = optionalString(input.TxnDate) ?? qboDate(this.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(txnDate))
      throw invalidProperty(`Property Name:TxnDate specified is unsupported or invalid (${txnDate})`);
    const common = {
      ...(docNumber !== undefined ? { DocNumber: docNumber } : {}),
      TxnDate: txnDate,
      CurrencyRef: USD,
      Line: [
        ...outLines,
        { Amount: subtotalCents / 100, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
        ...discountLines,
      ],
      TxnTaxDetail: { ...taxDetail, TotalTax: taxCents / 100 },
      CustomerRef: { value: customer.Id, name: customer.DisplayName },
      BillAddr: input.BillAddr ?? customer.BillAddr,
      ...(input.BillEmail === undefined && isObject(customer.PrimaryEmailAddr)
        ? { BillEmail: customer.PrimaryEmailAddr }
        : {}),
      ApplyTaxAfterDiscount: false,
      TotalAmt: totalCents / 100,
    };
    const statuses = { CustomField: [], PrintStatus: 'NotSet', EmailStatus: 'NotSet' };
    if (entity === 'CreditMemo') {
      return { ...statuses, ...input, ...common, RemainingCredit: totalCents / 100, Balance: totalCents / 100 };
    }
    return {
      AllowIPNPayment: false,
      AllowOnlinePayment: false,
      AllowOnlineCreditCardPayment: false,
      AllowOnlineACHPayment: false,
      ...statuses,
      ...input,
      ...common,
      DueDate: optionalString(input.DueDate) ?? addDays(txnDate, 30),
      LinkedTxn: [],
      Balance: totalCents / 100,
      Deposit: 0,
    };
  }

  private resolveRef(entity: StoredEntity, ref: unknown, element: string): JsonObject {
    const id = isObject(ref) ? ref.value : undefined;
    if (id === undefined || id === null || id === '') throw requiredParamMissing(`${element}.value`);
    const row = this.tables[entity].get(String(id));
    if (!row) throw invalidReference(element, String(id));
    if (row.Active === false) throw objectNotFound(entity, String(id));
    return row;
  }

  /** An invoice adds its total to the customer's balance, a credit memo takes it off (QBO counts credits negative). */
  private adjustBalance(entity: WritableEntity, row: JsonObject, direction: 1 | -1): void {
    if (!SALES_TRANSACTIONS.has(entity)) return;
    const customerId = refValue(row.CustomerRef);
    const amount = Number(row.TotalAmt) * direction * (entity === 'CreditMemo' ? -1 : 1);
    if (!customerId || !Number.isFinite(amount)) return;
    const customer = this.tables.Customer.get(customerId);
    if (!customer) return;
    customer.Balance = (cents(Number(customer.Balance ?? 0)) + cents(amount)) / 100;
    customer.BalanceWithJobs = customer.Balance;
  }
}

/** QBO refuses a name with `:`, a tab or a new line (2040), or one over its length (2050), before any other rule. */
function checkName(element: string, value: unknown, max: number): void {
  if (typeof value !== 'string') return;
  if (hasIllegalNameCharacter(value)) throw invalidCharacters(element, value);
  if (value.trim().length > max) throw stringLength(element, max, value.trim().length);
}

function businessValidationFail(detail: string): never {
  throw businessValidation(detail);
}

function asObject(body: unknown): JsonObject {
  if (!isObject(body)) throw invalidProperty('Request body must be a JSON object.');
  return body;
}

function asLine(line: unknown, index: number): JsonObject {
  if (!isObject(line)) throw invalidProperty(`Property Name:Line[${index}] specified is unsupported or invalid`);
  const detailType = optionalString(line.DetailType);
  if (!detailType) throw requiredParamMissing(`Line[${index}].DetailType`);
  if (!LINE_TYPES.has(detailType)) {
    throw invalidProperty(`Property Name:DetailType specified is unsupported or invalid (${detailType})`);
  }
  return line;
}

function withoutSystemFields(input: JsonObject): JsonObject {
  const out: JsonObject = { ...input };
  for (const key of SYSTEM_FIELDS) delete out[key];
  return out;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function refValue(ref: unknown): string | undefined {
  return isObject(ref) && ref.value !== undefined ? String(ref.value) : undefined;
}

function cents(amount: number): number {
  return Math.round(amount * 100);
}

/** QBO names compare case-insensitively, ignoring surrounding spaces. */
function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
