import { Router, type Request, type Response } from 'express';
import { escapeHtml, htmlPage, type PageShell } from './html-page';
import type { JsonObject } from './qbo-faults';
import type { QboCompany, SalesTransaction } from './qbo-company';
import type { SimulatorState } from './intuit.state';

/**
 * "Open in QuickBooks": QBO shows a document at `https://app.qbo.intuit.com/app/invoice?txnId=ID` (and
 * `/app/creditmemo`). The simulator serves the same paths, with `companyId=REALM` added (ours: real QBO knows the
 * signed-in company), so Mobius's links work in demo mode. Without companyId, a txnId found in one company only is shown.
 */

const TITLES: Record<SalesTransaction, string> = { Invoice: 'Invoice', CreditMemo: 'Credit memo' };

const STYLES = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Avenir Next", Avenir, "Segoe UI", Helvetica, Arial, sans-serif; background: #f4f5f8; color: #393a3d; }
  header.bar { background: #fff; border-bottom: 1px solid #dcdcdc; padding: 14px 24px; display: flex; gap: 10px; align-items: baseline; }
  .brand { font-weight: 700; font-size: 22px; color: #2ca01c; }
  .brand-sub { font-size: 13px; color: #6b6c72; }
  main { max-width: 880px; margin: 32px auto; background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); padding: 32px; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 20px 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin-top: 16px; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e3e5e8; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tfoot td { font-weight: 600; border-bottom: 0; }
  .muted { color: #6b6c72; }
`;

const SHELL: PageShell = { styles: STYLES, brand: 'quickbooks', brandSub: 'QuickBooks Online (simulator)' };

function page(title: string, body: string): string {
  return htmlPage(SHELL, title, body);
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

function money(value: unknown): string {
  const amount = Number(value);
  return Number.isFinite(amount) ? usd.format(amount) : '';
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function reference(value: unknown, key: 'name' | 'value'): string {
  return typeof value === 'object' && value !== null ? text((value as JsonObject)[key]) : '';
}

function renderLines(lines: JsonObject[]): string {
  return lines
    .filter((line) => line.DetailType !== 'SubTotalLineDetail')
    .map((line) => {
      const detail = (line.SalesItemLineDetail ?? line.DiscountLineDetail ?? {}) as JsonObject;
      const item = reference(detail.ItemRef, 'name') || (line.DetailType === 'DiscountLineDetail' ? 'Discount' : '');
      const qty = text(detail.Qty);
      const rate = detail.UnitPrice === undefined ? '' : money(detail.UnitPrice);
      const amount = line.DetailType === 'DescriptionOnly' ? '' : money(line.Amount);
      return `<tr><td>${escapeHtml(item)}</td><td>${escapeHtml(text(line.Description))}</td><td class="num">${escapeHtml(qty)}</td><td class="num">${escapeHtml(rate)}</td><td class="num">${escapeHtml(amount)}</td></tr>`;
    })
    .join('\n');
}

function renderDocument(entity: SalesTransaction, company: QboCompany, doc: JsonObject): string {
  const title = `${TITLES[entity]} ${text(doc.DocNumber) || `#${text(doc.Id)}`}`;
  const tax = (doc.TxnTaxDetail ?? {}) as JsonObject;
  const subtotal = (doc.Line as JsonObject[]).find((line) => line.DetailType === 'SubTotalLineDetail')?.Amount;
  const rows: Array<[string, string]> = [
    ['Customer', reference(doc.CustomerRef, 'name')],
    [entity === 'Invoice' ? 'Invoice date' : 'Date', text(doc.TxnDate)],
    ...(entity === 'Invoice' ? ([['Due date', text(doc.DueDate)]] as Array<[string, string]>) : []),
    [
      entity === 'Invoice' ? 'Balance due' : 'Remaining credit',
      money(entity === 'Invoice' ? doc.Balance : doc.RemainingCredit),
    ],
  ];
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="muted">${escapeHtml(company.companyName)} · transaction ${escapeHtml(text(doc.Id))}</p>
<dl>
${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
<table>
<thead><tr><th scope="col">Product/service</th><th scope="col">Description</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
${renderLines(doc.Line as JsonObject[])}
</tbody>
<tfoot>
<tr><td colspan="4">Subtotal</td><td class="num">${escapeHtml(money(subtotal))}</td></tr>
<tr><td colspan="4">Sales tax</td><td class="num">${escapeHtml(money(tax.TotalTax ?? 0))}</td></tr>
<tr><td colspan="4">Total</td><td class="num">${escapeHtml(money(doc.TotalAmt))}</td></tr>
</tfoot>
</table>`;
  return page(`${title} - QuickBooks`, body);
}

function renderNotFound(entity: SalesTransaction, txnId: string, companyId: string | undefined): string {
  const what = TITLES[entity].toLowerCase();
  const where = companyId ? ` in company ${companyId}` : '';
  return page(
    `${TITLES[entity]} not found - QuickBooks`,
    `<h1>We couldn't find this ${escapeHtml(what)}</h1>
<p>There is no ${escapeHtml(what)} with transaction id <strong>${escapeHtml(txnId || '(none)')}</strong>${escapeHtml(where)}. It may have been deleted, or the link names another company.</p>`,
  );
}

function queryText(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function find(state: SimulatorState, entity: SalesTransaction, txnId: string, companyId: string | undefined) {
  const companies = companyId
    ? [state.companies.get(companyId)].filter((c) => c !== undefined)
    : [...state.companies.values()];
  const found = companies.flatMap((company) => {
    const doc = company.list(entity).find((row) => row.Id === txnId);
    return doc ? [{ company, doc }] : [];
  });
  // Without companyId a txnId may exist in several companies: only an unambiguous one is shown.
  return found.length === 1 ? found[0] : undefined;
}

export function createDocumentPageRouter(state: SimulatorState): Router {
  const router = Router();
  for (const [path, entity] of [
    ['/app/invoice', 'Invoice'],
    ['/app/creditmemo', 'CreditMemo'],
  ] as const) {
    router.get(path, (req: Request, res: Response) => {
      const txnId = queryText(req, 'txnId') ?? '';
      const companyId = queryText(req, 'companyId');
      const found = txnId ? find(state, entity, txnId, companyId) : undefined;
      res.type('html').set('Cache-Control', 'no-store');
      if (!found) res.status(404).send(renderNotFound(entity, txnId, companyId));
      else res.send(renderDocument(entity, found.company, found.doc));
    });
  }
  return router;
}
