import { servicesModeOf } from './services-mode';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);
const PAPER = { mode: 'paper', loopIntervalSeconds: 10 } as const;
const LIVE = { mode: 'live', loopIntervalSeconds: 10 } as const;

describe('servicesModeOf', () => {
  it('warns, naming both modes, the ledger read and the fix, when recent services trade in the other mode', () => {
    expect(servicesModeOf({ mode: 'live', takenAt: secondsAgo(8) }, PAPER, NOW)).toEqual({
      configured: 'paper',
      running: 'live',
      last_snapshot_at: secondsAgo(8).toISOString(),
      warning: 'the running services trade in live mode (account snapshot 8 s ago) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live',
    });
    expect(servicesModeOf({ mode: 'paper', takenAt: secondsAgo(200) }, LIVE, NOW).warning).toBe(
      'the running services trade in paper mode (account snapshot 3 min ago) but this is set to live mode and reads the LIVE ledger: use --paper or set POLYBOT_MODE=paper',
    );
  });

  it('says nothing when the modes agree', () => {
    expect(servicesModeOf({ mode: 'live', takenAt: secondsAgo(8) }, LIVE, NOW)).toMatchObject({ running: 'live', warning: null });
  });

  it('holds no old snapshot against this process: services that stopped may restart in either mode', () => {
    expect(servicesModeOf({ mode: 'live', takenAt: secondsAgo(301) }, PAPER, NOW)).toMatchObject({ running: null, last_snapshot_at: secondsAgo(301).toISOString(), warning: null });
    expect(servicesModeOf(null, PAPER, NOW)).toEqual({ configured: 'paper', running: null, last_snapshot_at: null, warning: null });
  });

  it('waits three cycles of a slow loop before calling the services gone', () => {
    expect(servicesModeOf({ mode: 'live', takenAt: secondsAgo(500) }, { mode: 'paper', loopIntervalSeconds: 200 }, NOW).running).toBe('live');
    expect(servicesModeOf({ mode: 'live', takenAt: secondsAgo(601) }, { mode: 'paper', loopIntervalSeconds: 200 }, NOW).running).toBeNull();
  });
});
