import { createTestDatabase, type TestDatabase } from '../testing';
import { VenueCallRepository } from './venue-call.repository';

describe('VenueCallRepository (real Postgres)', () => {
  let db: TestDatabase;
  let calls: VenueCallRepository;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    db = await createTestDatabase();
    calls = new VenueCallRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('counts calls per minute bucket and endpoint, and reports errors since a time', async () => {
    await calls.record('GET /book', true, at('2026-01-04T20:29:59.000Z'));
    await calls.recordMany([
      { endpoint: 'GET /book', ok: true, at: at('2026-01-04T20:30:01.000Z') },
      { endpoint: 'GET /book', ok: false, at: at('2026-01-04T20:30:30.000Z') },
      { endpoint: 'GET /markets', ok: false, at: at('2026-01-04T20:30:59.999Z') },
      { endpoint: 'GET /book', ok: true, at: at('2026-01-04T20:31:00.000Z') },
    ]);
    await calls.record('GET /book', false, at('2026-01-04T20:30:45.000Z'));

    const rows = await db.dataSource.query(
      'SELECT bucket_start, endpoint, ok_count, error_count FROM venue_calls ORDER BY bucket_start, endpoint');
    expect(rows).toEqual([
      { bucket_start: at('2026-01-04T20:29:00.000Z'), endpoint: 'GET /book', ok_count: 1, error_count: 0 },
      { bucket_start: at('2026-01-04T20:30:00.000Z'), endpoint: 'GET /book', ok_count: 1, error_count: 2 },
      { bucket_start: at('2026-01-04T20:30:00.000Z'), endpoint: 'GET /markets', ok_count: 0, error_count: 1 },
      { bucket_start: at('2026-01-04T20:31:00.000Z'), endpoint: 'GET /book', ok_count: 1, error_count: 0 },
    ]);
    expect(await calls.errorRate(at('2026-01-04T20:30:20.000Z'))).toEqual({ calls: 5, errors: 3 });
    expect(await calls.errorRate(at('2026-01-04T20:00:00.000Z'))).toEqual({ calls: 6, errors: 3 });
    expect(await calls.errorRate(at('2026-01-04T21:00:00.000Z'))).toEqual({ calls: 0, errors: 0 });
  });
});
