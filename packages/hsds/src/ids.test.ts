import { describe, expect, it } from 'vitest';
import { HSDS_ID_NAMESPACE, hsdsId, hsdsIdKinds } from './ids.js';
import { Uuid } from './schemas.js';

describe('hsdsId', () => {
  it('is a fixed UUID v5 under our namespace (never change it: every published id moves)', () => {
    expect(HSDS_ID_NAMESPACE).toBe('1796c731-0cb8-4259-8001-609f3d588da6');
    expect(hsdsId('service', 'integrationskurs')).toBe('4af25237-b352-5038-b72b-bb78dd27ce47');
  });

  it('is a valid UUID of version 5', () => {
    const id = hsdsId('organization', 'buergerbuero');
    expect(Uuid.safeParse(id).success).toBe(true);
    expect(id[14]).toBe('5');
  });

  it('differs between kinds for the same id of ours', () => {
    const ids = hsdsIdKinds.map((kind) => hsdsId(kind, 'same'));
    expect(new Set(ids).size).toBe(hsdsIdKinds.length);
  });
});
