import {
  connectedColumns,
  lostColumns,
  newConfiguration,
  refreshedColumns,
  type SealedTokenColumns,
} from './quickbooks-configuration.store';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-03-02T09:00:00.000Z');

function connected(overrides: Partial<ReturnType<typeof newConfiguration>> = {}) {
  return {
    ...newConfiguration({ accountId: 'account-1', name: 'Default', nameKey: 'default', isDefault: true, now }),
    state: 'CONNECTED' as const,
    realmId: '9130357000000001',
    companyName: 'Demo Company',
    accessTokenSealed: 'sealed-access',
    refreshTokenSealed: 'sealed-refresh',
    tokenVersion: 7,
    ...overrides,
  };
}

function sealed(reconnectBy: Date): SealedTokenColumns {
  return {
    accessTokenSealed: 'new-access',
    refreshTokenSealed: 'new-refresh',
    accessTokenExpiresAt: new Date(now.getTime() + 60 * 60 * 1000),
    refreshTokenExpiresAt: reconnectBy,
    refreshTokenHardExpiresAt: null,
    reconnectBy,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
  };
}

describe('quickbooks configuration columns', () => {
  it('starts a configuration not connected, with no tokens and tokenVersion 0', () => {
    const record = newConfiguration({ accountId: 'a', name: 'EMEA', nameKey: 'emea', isDefault: false, now });
    expect(record).toMatchObject({
      state: 'NOT_CONNECTED',
      realmId: null,
      accessTokenSealed: null,
      refreshTokenSealed: null,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('re-arms only the reminders whose window the refreshed deadline left', () => {
    const sent = new Date(now.getTime() - DAY);
    const record = connected({ reminder14SentAt: sent, reminder3SentAt: sent });
    expect(refreshedColumns(record, sealed(new Date(now.getTime() + 100 * DAY)), now)).toMatchObject({
      reminder14SentAt: null,
      reminder3SentAt: null,
      tokenVersion: 8,
    });
    expect(refreshedColumns(record, sealed(new Date(now.getTime() + 10 * DAY)), now)).toMatchObject({
      reminder14SentAt: sent,
      reminder3SentAt: null,
    });
    expect(refreshedColumns(record, sealed(new Date(now.getTime() + 2 * DAY)), now)).toMatchObject({
      reminder14SentAt: sent,
      reminder3SentAt: sent,
    });
  });

  it('keeps the company name on a reconnect to the same company, forgets it for another', () => {
    const record = connected();
    const grant = sealed(new Date(now.getTime() + 100 * DAY));
    expect(connectedColumns(record, grant, '9130357000000001', null, now).companyName).toBe('Demo Company');
    expect(connectedColumns(record, grant, '9130357000000002', null, now).companyName).toBeNull();
    expect(connectedColumns(record, grant, '9130357000000002', 'Northwind', now)).toMatchObject({
      companyName: 'Northwind',
      state: 'CONNECTED',
      tokenVersion: 8,
      reminder14SentAt: null,
      reminder3SentAt: null,
    });
  });

  it('wipes the tokens of a lost connection unless they are kept on purpose', () => {
    const record = connected();
    expect(lostColumns(record, 'INVALID_GRANT', now)).toMatchObject({
      state: 'LOST',
      lastErrorCode: 'INVALID_GRANT',
      tokenVersion: 8,
      accessTokenSealed: null,
      refreshTokenSealed: null,
      refreshLeaseOwner: null,
    });
    const kept = lostColumns(record, 'DECRYPTION_FAILED', now, true);
    expect(kept).toMatchObject({ state: 'LOST', lastErrorCode: 'DECRYPTION_FAILED' });
    expect(kept).not.toHaveProperty('refreshTokenSealed');
    expect(kept).not.toHaveProperty('accessTokenSealed');
  });
});
