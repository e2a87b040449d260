import { AuditRepository } from '../audit/audit.repository';
import { createTestDatabase, secondsAfter, T0, type TestDatabase } from '../testing';
import { KillSwitchRepository } from './kill-switch.repository';

describe('KillSwitchRepository (real Postgres)', () => {
  let db: TestDatabase;
  let switches: KillSwitchRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    switches = new KillSwitchRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('trips once, ignores a repeat trip, clears, and trips again, recording each change', async () => {
    const tripped = await switches.trip('DRAWDOWN', 16.2, 15, 'drawdown 16.2% >= 15%', 'risk', T0);
    expect(tripped).toEqual({
      changed: true,
      state: { name: 'DRAWDOWN', tripped: true, trippedAt: T0, value: 16.2, threshold: 15, reason: 'drawdown 16.2% >= 15%', clearedAt: null, clearedBy: null },
    });
    const repeat = await switches.trip('DRAWDOWN', 17, 15, 'drawdown 17% >= 15%', 'risk', secondsAfter(T0, 10));
    expect(repeat).toEqual({ changed: false, state: tripped.state });

    const cleared = await switches.clear('DRAWDOWN', 'alice', secondsAfter(T0, 20));
    expect(cleared).toMatchObject({ changed: true, state: { tripped: false, clearedAt: secondsAfter(T0, 20), clearedBy: 'alice' } });
    expect(await switches.clear('DRAWDOWN', 'alice', secondsAfter(T0, 21))).toMatchObject({ changed: false, state: { tripped: false } });
    expect(await switches.clear('NEVER_TRIPPED', 'alice', T0)).toEqual({ changed: false, state: null });

    const again = await switches.trip('DRAWDOWN', 18, 15, 'again', 'risk', secondsAfter(T0, 30));
    expect(again).toMatchObject({ changed: true, state: { tripped: true, clearedAt: null, clearedBy: null, value: 18 } });

    const events = await switches.events(10);
    expect(events.map((e) => [e.action, e.actor])).toEqual([['TRIPPED', 'risk'], ['CLEARED', 'alice'], ['TRIPPED', 'risk']]);
    expect(events[2]).toMatchObject({ name: 'DRAWDOWN', value: 16.2, threshold: 15, at: T0 });
    const audit = await new AuditRepository(db.dataSource).recent(10, { entity: 'kill_switch', entityId: 'DRAWDOWN' });
    expect(audit.map((e) => e.action)).toEqual(['KillSwitchTripped', 'KillSwitchCleared', 'KillSwitchTripped']);
    expect(audit[2].details).toEqual({ value: 16.2, threshold: 15, reason: 'drawdown 16.2% >= 15%' });
  });

  it('lists every switch and the tripped ones', async () => {
    await switches.trip('STALE_DATA', 75, 60, 'book 75s old', 'risk', T0);
    await switches.trip('API_ERRORS', 0.6, 0.5, '60% errors', 'risk', T0);
    await switches.clear('API_ERRORS', 'bob', secondsAfter(T0, 1));
    expect((await switches.list()).map((s) => s.name)).toEqual(['API_ERRORS', 'DRAWDOWN', 'STALE_DATA']);
    expect((await switches.tripped()).map((s) => s.name)).toEqual(['DRAWDOWN', 'STALE_DATA']);
  });

  it('lets exactly one of several concurrent trips record an event', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => switches.trip('SPREAD_ANOMALY', 4, 3, 'spread 4x', 'risk', T0)));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect((await switches.events(100)).filter((e) => e.name === 'SPREAD_ANOMALY')).toHaveLength(1);
  });
});
