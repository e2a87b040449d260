import { callTimeline, createTestDatabase, IntentRepository, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

describe('API approval reads (real HTTP, Postgres and Redis)', () => {
  let db: TestDatabase;
  let api: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const approve = (id: string) => call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' });

  async function approveWatched(id: string): Promise<{ status: number; at: (event: string) => number }> {
    const watch = callTimeline([
      [IntentRepository.prototype, 'findById', 'intent'],
      [IntentRepository.prototype, 'transition', 'transition'],
      [PortfolioService.prototype, 'view', 'portfolio'],
      [KillSwitchRepository.prototype, 'tripped', 'switches'],
    ]);
    try {
      const { status } = await approve(id);
      return { status, at: watch.at };
    } finally {
      watch.restore();
    }
  }

  it('reads the portfolio and the kill switches alongside the intent, and approves only after all three', async () => {
    const id = await seedPending(api);
    const { status, at } = await approveWatched(id);
    expect(status).toBe(200);
    expect(at('portfolio start')).toBeLessThan(at('intent end'));
    expect(at('switches start')).toBeLessThan(at('intent end'));
    for (const read of ['intent end', 'portfolio end', 'switches end']) expect(at(read)).toBeLessThan(at('transition start'));
    expect((await api.intents.findById(id))?.status).toBe('APPROVED');
  });

  it('still blocks an approval on a kill switch the parallel read found, and still answers 404 and 409', async () => {
    const switches = new KillSwitchRepository(db.dataSource);
    const blocked = await seedPending(api);
    await switches.trip('STALE_DATA', 75, 60, 'STALE_DATA: newest market data is 75s old (limit 60s)', 'test', new Date());
    try {
      const answer = await approve(blocked);
      expect(answer.status).toBe(409);
      expect(JSON.stringify(answer.body)).toMatch(/KILL_SWITCHES/);
      expect((await api.intents.findById(blocked))?.status).toBe('PENDING');
    } finally {
      await switches.clear('STALE_DATA', 'test', new Date());
    }
    expect((await approve('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const decided = await seedPending(api);
    expect((await approve(decided)).status).toBe(200);
    expect(await approve(decided)).toMatchObject({ status: 409, body: { status: 'APPROVED' } });
  });
});
