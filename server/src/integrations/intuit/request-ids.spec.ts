import { qboBatchRequestId, qboRequestId, stableJson, type QboRequestIdParts } from './request-ids';

const parts: QboRequestIdParts = {
  realmId: '9130357000000001',
  kind: 'Invoice',
  psaKey: 4027,
  payload: { DocNumber: '24114', Line: [{ Amount: 4047 }, { Amount: 989.97 }], CustomerRef: { value: '58' } },
  failedAttempts: 0,
};

describe('stableJson', () => {
  it('writes the same text whatever the key order, keeping array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(stableJson({ a: { c: null, d: [2, 1] }, b: 1 })).toBe(stableJson({ b: 1, a: { d: [2, 1], c: null } }));
    expect(stableJson({ a: undefined, b: [undefined], c: 'x"y' })).toBe('{"b":[null],"c":"x\\"y"}');
    expect(stableJson(new Date('2025-11-01T00:00:00Z'))).toBe('"2025-11-01T00:00:00.000Z"');
  });
});

describe('qboRequestId', () => {
  it('is a fixed function of its parts (a resumed attempt after a deploy recomputes the same id)', () => {
    expect(qboRequestId(parts)).toBe('m9hirzJOduRGQiaRxx393agvAjnSS0rn0AWK9ttQUdc');
  });

  it('is base64url of at most 50 characters, or the length asked for', () => {
    const id = qboRequestId(parts);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(qboRequestId(parts, 20)).toBe(id.slice(0, 20));
    expect(() => qboRequestId(parts, 51)).toThrow(RangeError);
    expect(() => qboRequestId(parts, 0)).toThrow(RangeError);
  });

  it('does not depend on the key order of the payload', () => {
    const reordered = {
      ...parts,
      payload: { CustomerRef: { value: '58' }, Line: [{ Amount: 4047 }, { Amount: 989.97 }], DocNumber: '24114' },
    };
    expect(qboRequestId(reordered)).toBe(qboRequestId(parts));
  });

  it('changes with every part: realm, kind, PSA record, payload and failed attempts', () => {
    const ids = [
      qboRequestId(parts),
      qboRequestId({ ...parts, realmId: '9130357000000002' }),
      qboRequestId({ ...parts, kind: 'CreditMemo' }),
      qboRequestId({ ...parts, psaKey: 4028 }),
      qboRequestId({ ...parts, payload: { ...(parts.payload as object), DocNumber: '24115' } }),
      qboRequestId({ ...parts, failedAttempts: 1 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the parts apart (no separator ambiguity) and refuses a bad attempt count', () => {
    expect(qboRequestId({ ...parts, realmId: '1|Invoice', kind: '' })).not.toBe(
      qboRequestId({ ...parts, realmId: '1', kind: '|Invoice' }),
    );
    expect(() => qboRequestId({ ...parts, failedAttempts: -1 })).toThrow(RangeError);
    expect(() => qboRequestId({ ...parts, failedAttempts: 0.5 })).toThrow(RangeError);
  });
});

describe('qboBatchRequestId', () => {
  const items = [qboRequestId(parts), qboRequestId({ ...parts, psaKey: 4029, kind: 'CreditMemo' })];

  it('is a fixed 36-character function of the item requestids in order', () => {
    const id = qboBatchRequestId(items);
    expect(id).toBe('VVTaqTZMu64xF0MRKKJWvPx1zEsJpV0Ab5MS');
    expect(id).toMatch(/^[A-Za-z0-9_-]{36}$/);
    expect(qboBatchRequestId([...items])).toBe(id);
  });

  it('depends on the order, because a replayed answer follows the original order of bIds', () => {
    expect(qboBatchRequestId([...items].reverse())).not.toBe(qboBatchRequestId(items));
    expect(qboBatchRequestId(items.slice(0, 1))).not.toBe(qboBatchRequestId(items));
    expect(() => qboBatchRequestId([])).toThrow(RangeError);
  });
});
