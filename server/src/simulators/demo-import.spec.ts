import { DEMO_CREDENTIALS, QBO_VENDOR_COLLISION_CUSTOMER, startConnectWiseSimulator } from './connectwise';
import { completeAuthorization, DEFAULT_CLIENT, SANDBOX_COMPANY_US_1, startIntuitSimulator } from './intuit';

/**
 * The demo company is what a person imports in demo mode: its 60 invoices, exported from the ConnectWise simulator
 * and sent to the QBO simulator as plainly as the vendors allow, must all go in except the documented collision
 * ("Dell Technologies" is a QBO vendor, so the customer is refused with 6240 and its invoices cannot follow).
 */

type Json = Record<string, unknown>;
interface Transaction {
  id: number;
  documentNumber: string;
  documentType: string;
  documentDate: string;
  company: { id: number; name: string };
  salesTax: number;
  total: number;
  detail: Array<{
    quantity: number;
    itemPrice: number;
    total: number;
    description: string;
    taxableFlag: boolean;
    item: { identifier: string };
  }>;
}

const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';
const REDIRECT_URI = 'http://localhost:4000/oauth/quickbooks/callback';
const REALM = SANDBOX_COMPANY_US_1.realmId;

async function qboToken(tokenUrl: string, authorizeUrl: string): Promise<string> {
  const query = new URLSearchParams({
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state: 'demo-import',
  });
  const outcome = await completeAuthorization(`${authorizeUrl}?${query.toString()}`, { realmId: REALM });
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: outcome.code!, redirect_uri: REDIRECT_URI }),
  });
  return String(((await response.json()) as Json).access_token);
}

describe('importing the demo ConnectWise company into the QBO simulator', () => {
  it('takes all 60 invoices except those of the Dell Technologies customer, refused with 6240', async () => {
    const psa = await startConnectWiseSimulator();
    // QBO allows 10 requests a second: the test paces itself on the simulator's clock instead of sleeping.
    let clock = Date.parse('2025-11-20T17:00:00Z');
    const intuit = await startIntuitSimulator({ now: () => clock });
    try {
      const auth = `Basic ${Buffer.from(
        `${DEMO_CREDENTIALS.companyId}+${DEMO_CREDENTIALS.publicKey}:${DEMO_CREDENTIALS.privateKey}`,
      ).toString('base64')}`;
      const exported = await fetch(`${psa.url}/v2025_1/apis/3.0/finance/accounting/export`, {
        method: 'POST',
        headers: { Authorization: auth, clientId: CLIENT_ID, 'Content-Type': 'application/json' },
        body: JSON.stringify({ exportInvoicesFlag: true }),
      });
      const transactions = ((await exported.json()) as { transactions: Transaction[] }).transactions;
      expect(transactions).toHaveLength(60);

      const token = await qboToken(intuit.urls.token, intuit.urls.authorize);
      const post = async (path: string, body: unknown) => {
        clock += 2_000;
        const response = await fetch(`${intuit.url}/v3/company/${REALM}/${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Json };
      };

      const customers = new Map<string, string>();
      const refusedCustomers: Array<[string, unknown]> = [];
      for (const name of [...new Set(transactions.map((transaction) => transaction.company.name))]) {
        const created = await post('customer', { DisplayName: name, CompanyName: name });
        if (created.status === 200) customers.set(name, String((created.body.Customer as Json).Id));
        else refusedCustomers.push([name, (created.body.Fault as { Error: Json[] }).Error[0].code]);
      }
      expect(refusedCustomers).toEqual([[QBO_VENDOR_COLLISION_CUSTOMER, '6240']]);

      const items = new Map<string, string>();
      for (const identifier of new Set(transactions.flatMap((t) => t.detail.map((line) => line.item.identifier)))) {
        const created = await post('item', { Name: identifier, Type: 'Service', IncomeAccountRef: { value: '6' } });
        expect(created.status).toBe(200);
        items.set(identifier, String((created.body.Item as Json).Id));
      }

      // Credit memos become QBO credit memos with positive amounts; everything else an invoice.
      const documents = transactions
        .filter((transaction) => customers.has(transaction.company.name))
        .map((transaction, index) => {
          const sign = transaction.documentType === 'CM' ? -1 : 1;
          const entity = sign < 0 ? 'CreditMemo' : 'Invoice';
          return {
            bId: `d${index}`,
            operation: 'create',
            [entity]: {
              CustomerRef: { value: customers.get(transaction.company.name) },
              DocNumber: transaction.documentNumber,
              TxnDate: transaction.documentDate.slice(0, 10),
              Line: transaction.detail.map((line) => ({
                DetailType: 'SalesItemLineDetail',
                Amount: sign * line.total,
                Description: line.description,
                SalesItemLineDetail: {
                  ItemRef: { value: items.get(line.item.identifier) },
                  Qty: sign * line.quantity,
                  UnitPrice: line.itemPrice,
                  TaxCodeRef: { value: line.taxableFlag ? 'TAX' : 'NON' },
                },
              })),
              TxnTaxDetail: { TotalTax: sign * transaction.salesTax },
            },
          };
        });
      const dellInvoices = transactions.length - documents.length;
      expect(dellInvoices).toBeGreaterThan(0);

      const answers: Json[] = [];
      for (let start = 0; start < documents.length; start += 30) {
        const batch = await post('batch', { BatchItemRequest: documents.slice(start, start + 30) });
        expect(batch.status).toBe(200);
        answers.push(...(batch.body.BatchItemResponse as Json[]));
      }
      expect(answers.filter((answer) => answer.Fault !== undefined)).toEqual([]);
      const totals = new Map(transactions.map((t) => [t.documentNumber, Math.round(Math.abs(t.total) * 100)]));
      for (const answer of answers) {
        const document = (answer.Invoice ?? answer.CreditMemo) as Json;
        expect(Math.round(Number(document.TotalAmt) * 100)).toBe(totals.get(String(document.DocNumber)));
      }
      expect(answers.filter((answer) => answer.CreditMemo !== undefined)).toHaveLength(1);
      expect(answers).toHaveLength(60 - dellInvoices);
    } finally {
      await intuit.close();
      await psa.close();
    }
  });
});
