import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUnknownSettings } from './unknown-settings';

describe('findUnknownSettings', () => {
  it('ignores known settings and variables without the prefix', () => {
    expect(findUnknownSettings({ POLYBOT_DRY_RUN: 'true', HOME: '/root', PATH: '/bin' }, { envFile: false })).toEqual([]);
  });

  it('warns about a typo and suggests the setting meant', () => {
    expect(findUnknownSettings({ POLYBOT_DRYRUN: 'false', POLYBOT_MAX_DAILY_LOS_PCT: '5' }, { envFile: false })).toEqual([
      'POLYBOT_DRYRUN is not a known setting and is ignored; did you mean POLYBOT_DRY_RUN?',
      'POLYBOT_MAX_DAILY_LOS_PCT is not a known setting and is ignored; did you mean POLYBOT_MAX_DAILY_LOSS_PCT?',
    ]);
  });

  it('does not suggest a far-fetched name', () => {
    expect(findUnknownSettings({ POLYBOT_FOO: 'x' }, { envFile: false })).toEqual([
      'POLYBOT_FOO is not a known setting and is ignored',
    ]);
  });

  it('also checks the .env file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybot-unknown-'));
    try {
      writeFileSync(join(dir, '.env'), 'POLYBOT_LOOP_INTERVAL_SECOND=5\n');
      expect(findUnknownSettings({}, { envFile: join(dir, '.env') })).toEqual([
        'POLYBOT_LOOP_INTERVAL_SECOND is not a known setting and is ignored; did you mean POLYBOT_LOOP_INTERVAL_SECONDS?',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
