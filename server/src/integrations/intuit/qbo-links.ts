import type { QboSalesDocumentEntity } from './types';

/** Links that open a document in the QuickBooks Online app (docs/psa-to-qbo-mapping.md, "Links"). */

/**
 * The QBO app (not API) roots. intuit-oauth's `qbo_environment` has the older `https://qbo.intuit.com/app/` and
 * `https://sandbox.qbo.intuit.com/app/`, which redirect to these.
 */
export const QBO_APP_BASE_URLS = {
  production: 'https://app.qbo.intuit.com/app/',
  sandbox: 'https://app.sandbox.qbo.intuit.com/app/',
} as const;

const PAGES: Readonly<Record<QboSalesDocumentEntity, string>> = { Invoice: 'invoice', CreditMemo: 'creditmemo' };

/** `${appBaseUrl}invoice?txnId=ID&companyId=REALM` (`creditmemo?…` for a credit memo). */
export function qboDocumentUrl(link: {
  appBaseUrl: string;
  entity: QboSalesDocumentEntity;
  id: string;
  realmId: string;
}): string {
  const base = link.appBaseUrl.endsWith('/') ? link.appBaseUrl : `${link.appBaseUrl}/`;
  const url = new URL(PAGES[link.entity], base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('The QBO app URL must be http(s).');
  url.searchParams.set('txnId', link.id);
  url.searchParams.set('companyId', link.realmId);
  return url.toString();
}
