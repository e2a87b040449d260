import { executionOverdueSeconds } from './owed-execution';

describe('executionOverdueSeconds', () => {
  const createdAt = new Date('2026-12-05T12:00:00Z');
  const decidedAt = new Date('2026-12-05T12:00:20Z');
  const expiresAt = new Date('2026-12-05T12:01:00Z');
  const at = (iso: string) => new Date(iso);

  it('counts an APPROVED intent from its approval: an executor takes it at once', () => {
    expect(executionOverdueSeconds({ status: 'APPROVED', createdAt, decidedAt, expiresAt }, at('2026-12-05T12:00:20Z'))).toBe(0);
    expect(executionOverdueSeconds({ status: 'APPROVED', createdAt, decidedAt, expiresAt }, at('2026-12-05T12:02:20.500Z'))).toBe(120.5);
  });

  it('counts an APPROVED intent without a decision time from its creation', () => {
    expect(executionOverdueSeconds({ status: 'APPROVED', createdAt, decidedAt: null, expiresAt }, at('2026-12-05T12:00:30Z'))).toBe(30);
  });

  it('counts an EXECUTING intent only past its expiry: its order is followed until then', () => {
    expect(executionOverdueSeconds({ status: 'EXECUTING', createdAt, decidedAt, expiresAt }, at('2026-12-05T12:00:59Z'))).toBe(0);
    expect(executionOverdueSeconds({ status: 'EXECUTING', createdAt, decidedAt, expiresAt }, at('2026-12-05T12:06:00Z'))).toBe(300);
  });
});
