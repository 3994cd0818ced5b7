import { PRIVATE_KEY_TOO, placeConnectWiseProblems } from './problems';

describe('placeConnectWiseProblems', () => {
  it('puts each ConnectWise code next to the field the server names', () => {
    expect(
      placeConnectWiseProblems([
        { code: 'CONNECTWISE_SITE_UNREACHABLE', field: 'site', message: 'Site did not answer.' },
        { code: 'CONNECTWISE_COMPANY_NOT_FOUND', field: 'companyId', message: 'No such company.' },
      ]).fieldErrors,
    ).toEqual({ site: 'Site did not answer.', companyId: 'No such company.' });
  });

  it('marks both keys when ConnectWise refuses them', () => {
    const placed = placeConnectWiseProblems([
      { code: 'CONNECTWISE_INVALID_KEYS', field: 'publicKey', message: 'Keys refused.' },
    ]);
    expect(placed.fieldErrors).toEqual({ publicKey: 'Keys refused.', privateKey: PRIVATE_KEY_TOO });
    expect(placed.formErrors).toEqual([]);
  });

  it('flags missing permissions and keeps problems without a field at form level', () => {
    const placed = placeConnectWiseProblems([
      { code: 'CONNECTWISE_MISSING_PERMISSIONS', field: 'publicKey', message: 'Finance › Accounting Interface.' },
      { code: 'RATE_LIMITED', message: 'Too many connection attempts.' },
      { code: 'RATE_LIMITED', message: 'Too many connection attempts.' },
    ]);
    expect(placed.missingPermissions).toBe(true);
    expect(placed.fieldErrors).toEqual({ publicKey: 'Finance › Accounting Interface.' });
    expect(placed.formErrors).toEqual(['Too many connection attempts.']);
  });
});
