import { loadSettings } from '@polybot/config';
import { KILL_SWITCH_NAMES } from '@polybot/domain';
import { createLogger } from '@polybot/observability';
import { AuditRepository, createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { BroadcastPublisher } from '@polybot/queues';
import { waitFor } from '@polybot/testing';
import Redis from 'ioredis';
import { KillSwitchNotTrippedError, UnknownKillSwitchError } from './kill-switch.errors';
import { KillSwitchService } from './kill-switch.service';

const NOW = new Date('2026-11-27T06:00:00.000Z');
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('KillSwitchService (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let repo: KillSwitchRepository;
  let broadcast: BroadcastPublisher;
  let subscriber: Redis;
  let service: KillSwitchService;
  const heard: unknown[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    repo = new KillSwitchRepository(db.dataSource);
    broadcast = new BroadcastPublisher(REDIS_URL);
    subscriber = new Redis(REDIS_URL);
    subscriber.on('message', (_channel: string, message: string) => heard.push(JSON.parse(message)));
    await subscriber.subscribe('kill-switch.cleared');
    const settings = loadSettings({ POLYBOT_DATABASE_URL: db.url, POLYBOT_MAX_DRAWDOWN_PCT: '12' }, { envFile: false });
    const logger = createLogger({ service: 'test', level: 'info', destination: { write: (line: string) => logLines.push(line) } });
    service = new KillSwitchService({ killSwitches: repo, settings, broadcast, logger, now: () => NOW });
  });
  afterAll(async () => {
    await subscriber?.quit();
    await broadcast?.close();
    await db?.drop();
  });

  it('lists every switch, never tripped ones with their configured threshold', async () => {
    const list = await service.list();
    expect(list.map((s) => s.name)).toEqual([...KILL_SWITCH_NAMES]);
    expect(list[0]).toEqual({
      name: 'DRAWDOWN', tripped: false, tripped_at: null, value: null, threshold: 12, reason: null, cleared_at: null, cleared_by: null,
    });
    expect(list.every((s) => !s.tripped)).toBe(true);
  });

  it('refuses an unknown name, listing the valid ones, and changes nothing', async () => {
    const attempt = service.clear('DRAWDWON', 'cli');
    await expect(attempt).rejects.toThrow(UnknownKillSwitchError);
    await expect(service.clear('DRAWDWON', 'cli')).rejects.toThrow(`unknown kill switch "DRAWDWON": use one of ${KILL_SWITCH_NAMES.join(', ')}`);
    expect(await repo.list()).toEqual([]);
  });

  it('refuses to clear a switch that is not tripped (409)', async () => {
    const error = await service.clear('STALE_DATA', 'cli').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KillSwitchNotTrippedError);
    expect(error).toMatchObject({ httpStatus: 409, message: 'kill switch STALE_DATA is not tripped: nothing to clear' });
  });

  it('clears a tripped switch: state, CLEARED event and audit row, a broadcast every service hears, a log line', async () => {
    await repo.trip('DRAWDOWN', 16.5, 12, 'drawdown 16.5% >= 12%', 'risk', new Date('2026-11-27T05:00:00.000Z'));
    expect((await service.list())[0]).toMatchObject({ name: 'DRAWDOWN', tripped: true, value: 16.5, threshold: 12, reason: 'drawdown 16.5% >= 12%', tripped_at: '2026-11-27T05:00:00.000Z' });

    // Case and spaces are forgiven: a person types the name.
    const cleared = await service.clear(' drawdown ', 'alice');
    expect(cleared).toEqual({
      name: 'DRAWDOWN', tripped: false, tripped_at: null, value: null, threshold: 12, reason: null, cleared_at: NOW.toISOString(), cleared_by: 'alice',
    });
    expect((await repo.tripped()).map((s) => s.name)).toEqual([]);
    const [event] = await repo.events(1);
    expect(event).toMatchObject({ name: 'DRAWDOWN', action: 'CLEARED', actor: 'alice', at: NOW });
    const audit = await new AuditRepository(db.dataSource).recent(5, { entity: 'kill_switch', entityId: 'DRAWDOWN' });
    expect(audit[0]).toMatchObject({ action: 'KillSwitchCleared', actor: 'alice' });

    await waitFor(() => heard.length > 0, { timeoutMs: 3000, what: 'the broadcast heard' });
    expect(heard).toEqual([
      { pattern: 'kill-switch.cleared', data: { name: 'DRAWDOWN', value: 16.5, threshold: 12, reason: 'cleared by alice', actor: 'alice', at: NOW.toISOString() } },
    ]);
    expect(logLines.some((line) => line.includes('Kill switch cleared by operator') && line.includes('"kill_switch":"DRAWDOWN"'))).toBe(true);

    await expect(service.clear('DRAWDOWN', 'alice')).rejects.toThrow(KillSwitchNotTrippedError);
  });
});

