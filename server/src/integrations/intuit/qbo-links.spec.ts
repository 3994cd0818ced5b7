import { QBO_APP_BASE_URLS, qboDocumentUrl } from './qbo-links';

const REALM = '9130357000000001';

describe('qboDocumentUrl', () => {
  it('opens an invoice or a credit memo in the production app', () => {
    expect(
      qboDocumentUrl({ appBaseUrl: QBO_APP_BASE_URLS.production, entity: 'Invoice', id: '145', realmId: REALM }),
    ).toBe('https://app.qbo.intuit.com/app/invoice?txnId=145&companyId=9130357000000001');
    expect(
      qboDocumentUrl({ appBaseUrl: QBO_APP_BASE_URLS.production, entity: 'CreditMemo', id: '146', realmId: REALM }),
    ).toBe('https://app.qbo.intuit.com/app/creditmemo?txnId=146&companyId=9130357000000001');
  });

  it('opens a document in the sandbox app, or in a simulator given as a base without a trailing slash', () => {
    expect(qboDocumentUrl({ appBaseUrl: QBO_APP_BASE_URLS.sandbox, entity: 'Invoice', id: '7', realmId: REALM })).toBe(
      'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=7&companyId=9130357000000001',
    );
    expect(
      qboDocumentUrl({ appBaseUrl: 'http://127.0.0.1:4010/app', entity: 'CreditMemo', id: '7', realmId: REALM }),
    ).toBe('http://127.0.0.1:4010/app/creditmemo?txnId=7&companyId=9130357000000001');
  });

  it('encodes the id and refuses a base that is not http(s)', () => {
    expect(
      qboDocumentUrl({ appBaseUrl: QBO_APP_BASE_URLS.sandbox, entity: 'Invoice', id: '1&x=2', realmId: REALM }),
    ).toBe('https://app.sandbox.qbo.intuit.com/app/invoice?txnId=1%26x%3D2&companyId=9130357000000001');
    expect(() =>
      qboDocumentUrl({ appBaseUrl: 'ftp://files.example.com/app/', entity: 'Invoice', id: '1', realmId: REALM }),
    ).toThrow('The QBO app URL must be http(s).');
  });
});
