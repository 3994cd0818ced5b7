import { exportBatchIdentifier, faultMessage, hintFor } from './run-execution';

describe('what a failed invoice says', () => {
  it('quotes QuickBooks’ own message and detail', () => {
    expect(
      faultMessage(
        [
          {
            code: '6240',
            message: 'Duplicate Name Exists Error',
            detail:
              'The name supplied already exists. : Another customer, vendor or employee is already using this name.',
          },
        ],
        'fallback',
      ),
    ).toBe(
      'QuickBooks Online: Duplicate Name Exists Error: The name supplied already exists. : Another customer, vendor or employee is already using this name.',
    );
    expect(faultMessage([], 'QuickBooks Online refused this invoice.')).toBe('QuickBooks Online refused this invoice.');
  });

  it('tells the person to append the account number on a name collision', () => {
    expect(hintFor('6240')).toContain('Append the PSA account number');
    expect(hintFor('6000')).toBeNull();
  });
});

describe('exportBatchIdentifier', () => {
  it('is the same for every attempt of a run and within ConnectWise’s 50 characters', () => {
    const runId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(exportBatchIdentifier(runId)).toBe(exportBatchIdentifier(runId));
    expect(exportBatchIdentifier(runId)).toMatch(/^[A-Za-z0-9-]{1,50}$/);
    expect(exportBatchIdentifier(runId)).not.toBe(exportBatchIdentifier('1f8fad5b-d9cb-469f-a165-70867728950e'));
  });
});
