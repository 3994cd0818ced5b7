import type { QboAccount, QboTaxCode } from '../../integrations/intuit/types';
import { checkMappings } from './import-settings.service';

const account = (Id: string, Name: string, Active = true) => ({ Id, Name, Active, SyncToken: '0' }) as QboAccount;
const taxCode = (Id: string, Name: string, Active = true) => ({ Id, Name, Active, SyncToken: '0' }) as QboTaxCode;

const defaults = { incomeAccountId: null, taxableTaxCode: 'TAX', nonTaxableTaxCode: 'NON' };

describe('checkMappings', () => {
  it('defaults the income account to "Services", else the first active Income account', () => {
    const withServices = checkMappings(defaults, [account('7', 'Consulting Income'), account('5', 'Services')], []);
    expect(withServices).toEqual({
      ok: true,
      mappings: { incomeAccount: { value: '5', name: 'Services' }, taxableTaxCode: 'TAX', nonTaxableTaxCode: 'NON' },
    });
    const without = checkMappings(defaults, [account('9', 'Services', false), account('7', 'Consulting Income')], []);
    expect(without.ok && without.mappings.incomeAccount).toEqual({ value: '7', name: 'Consulting Income' });
  });

  it('refuses an income account that is gone or inactive, naming the field', () => {
    const result = checkMappings({ ...defaults, incomeAccountId: '42' }, [account('42', 'Old', false)], []);
    expect(result).toEqual({
      ok: false,
      field: 'incomeAccountId',
      message: expect.stringContaining('no longer exists'),
    });
  });

  it('refuses a company without any Income account', () => {
    expect(checkMappings(defaults, [], [])).toMatchObject({ ok: false, field: 'incomeAccountId' });
  });

  it('accepts QBO US TAX/NON and the company’s active tax codes, refuses others', () => {
    const codes = [taxCode('3', 'Austin'), taxCode('4', 'Retired', false)];
    expect(checkMappings({ ...defaults, taxableTaxCode: '3' }, [account('1', 'Services')], codes).ok).toBe(true);
    expect(checkMappings({ ...defaults, taxableTaxCode: '4' }, [account('1', 'Services')], codes)).toMatchObject({
      ok: false,
      field: 'taxableTaxCode',
    });
    expect(checkMappings({ ...defaults, nonTaxableTaxCode: 'X1' }, [account('1', 'Services')], codes)).toMatchObject({
      ok: false,
      field: 'nonTaxableTaxCode',
    });
  });
});
