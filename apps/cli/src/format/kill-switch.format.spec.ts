import type { KillSwitchJson } from '@polybot/intents';
import { formatKillSwitches } from './kill-switch.format';

const idle = (name: string, threshold: number): KillSwitchJson => ({
  name, tripped: false, tripped_at: null, value: null, threshold, reason: null, cleared_at: null, cleared_by: null,
});

describe('formatKillSwitches', () => {
  it('one line per switch: tripped ones with when and why, the rest with their threshold and last clear', () => {
    const text = formatKillSwitches([
      { ...idle('DRAWDOWN', 15), cleared_at: '2026-11-27T05:00:00.000Z', cleared_by: 'cli' },
      idle('DAILY_LOSS', 10),
      { ...idle('API_ERRORS', 50), tripped: true, tripped_at: '2026-11-27T05:55:00.000Z', value: 62.5, reason: 'venue error rate 62.5% >= 50%' },
      idle('STALE_DATA', 60),
      idle('SPREAD_ANOMALY', 3),
    ]);
    expect(text).toBe(
      [
        'SWITCH          STATE    VALUE  THRESHOLD  DETAILS',
        'DRAWDOWN        ok           -         15  last cleared 2026-11-27T05:00:00.000Z by cli',
        'DAILY_LOSS      ok           -         10',
        'API_ERRORS      TRIPPED   62.5         50  2026-11-27T05:55:00.000Z venue error rate 62.5% >= 50%',
        'STALE_DATA      ok           -         60',
        'SPREAD_ANOMALY  ok           -          3',
        '',
        '1 tripped: no new intents or orders until cleared (polyb0t kill-switches clear NAME).',
      ].join('\n'),
    );
  });

  it('says when none is tripped', () => {
    expect(formatKillSwitches([idle('DRAWDOWN', 15)]).split('\n').at(-1)).toBe('None tripped.');
  });
});
