import { randomUUID } from 'node:crypto';
import { createLogger } from '@polybot/observability';
import { createTestDatabase, SignalRepository, type SignalRecord, type TestDatabase } from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { signalOn } from '../test/signal-batch.fixture';
import { SignalRecordWriter } from './signal-record.writer';

describe('SignalRecordWriter (real Postgres)', () => {
  let db: TestDatabase;
  let signals: SignalRepository;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    signals = new SignalRepository(db.dataSource);
  });
  afterAll(async () => db?.drop());

  const records = (n: number): SignalRecord[] =>
    Array.from({ length: n }, () => ({ signal: signalOn(testMarket(`m-${randomUUID()}`)), cycleId: 'c1', decision: 'DENIED' as const, checks: [] }));

  it('keeps records whose write failed, logs it, and stores them all once Postgres answers again', async () => {
    const writer = new SignalRecordWriter(signals, createLogger({ service: 'risk', level: 'info', destination: { write: (line: string) => logLines.push(line) } }));
    jest.spyOn(signals, 'recordMany').mockRejectedValueOnce(new Error('connection lost'));
    const first = records(3);
    const second = records(2);

    writer.enqueue(first);
    writer.enqueue(second);
    await expect(writer.drain()).rejects.toThrow('connection lost');
    expect(logLines.join('\n')).toContain('Storing signal records failed');

    await writer.drain();
    const stored = (await signals.recent(10)).map((s) => s.tokenId).sort();
    expect(stored).toEqual([...first, ...second].map((r) => r.signal.tokenId).sort());
    await writer.onApplicationShutdown();
  });
});
