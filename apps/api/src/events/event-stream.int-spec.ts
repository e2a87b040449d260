import { randomBytes } from 'node:crypto';
import { createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher } from '@polybot/queues';
import { waitFor } from '@polybot/testing';
import { call, seedPending, startApi, type ApiHarness } from '../test/api-test.harness';
import { openEventStream, type EventStreamClient, type StreamedEvent } from '../test/event-stream.client';
import { OperatorEventHub } from './operator-event.hub';

const SECRET = `s3cret-${randomBytes(6).toString('hex')}`;
const auth = { authorization: `Bearer ${SECRET}` };

type Json = Record<string, unknown>;
const intentEvent = (id: string, status: string) => (e: StreamedEvent): boolean => e.event === 'intent' && (e.data as Json).id === id && (e.data as Json).status === status;
const switchEvent = (name: string, tripped: boolean) => (e: StreamedEvent): boolean => e.event === 'kill-switch' && (e.data as Json).name === name && (e.data as Json).tripped === tripped;

describe('API GET /events (server-sent events) over real HTTP, Postgres and Redis pub/sub', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let replica: ApiHarness;
  // Another process's publisher: the CLI or the risk service announcing what it committed.
  let otherProcess: BroadcastPublisher;
  let stream: EventStreamClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: `ops:${SECRET}` });
    replica = await startApi(db, { POLYBOT_API_TOKEN: `ops:${SECRET}` });
    otherProcess = new BroadcastPublisher(api.runtime.settings.redisUrl);
    await Promise.all([api.app.get(OperatorEventHub).ready(), replica.app.get(OperatorEventHub).ready()]);
    stream = await openEventStream(`${api.baseUrl}/events`, auth);
  });

  afterAll(async () => {
    stream?.close();
    await otherProcess?.close();
    await replica?.close();
    await api?.close();
    await db?.drop();
    // Two Nest apps with their Redis and Postgres pools to close: over jest's 5 s default on a loaded box.
  }, 30_000);

  it('needs the token, and answers text/event-stream with it', async () => {
    expect((await call(api.baseUrl, '/events')).status).toBe(401);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await waitFor(() => stream.comments.length > 0);
    expect(stream.comments[0]).toBe(': connected');
  });

  it('pushes the full intent, read fresh from Postgres, after an approval through this API', async () => {
    const id = await seedPending(api);
    const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST', headers: auth });
    expect(approved.status).toBe(200);
    const event = await stream.next(intentEvent(id, 'APPROVED'));
    // The same JSON as GET /intents/:id: the page can replace its copy with it.
    const current = await call(api.baseUrl, `/intents/${id}`, { headers: auth });
    expect(event.data).toEqual(current.body);
    expect(event.data).toMatchObject({ decided_by: 'api:ops', execution: null, risk_checks: [expect.objectContaining({ name: 'MIN_EDGE' })] });
  });

  it('pushes an approval made by another process (committed to Postgres, then broadcast), on every API replica', async () => {
    const id = await seedPending(api);
    const onReplica = await openEventStream(`${replica.baseUrl}/events`, auth);
    try {
      const at = new Date();
      expect((await api.intents.transition(id, 'Approve', { now: at, actor: 'cli' })).ok).toBe(true);
      await otherProcess.publish(BroadcastEvent.IntentApproved, { intentId: id, status: 'APPROVED', actor: 'cli', at: at.toISOString() });
      for (const client of [stream, onReplica]) {
        const event = await client.next(intentEvent(id, 'APPROVED'));
        expect(event.data).toMatchObject({ id, status: 'APPROVED', decided_by: 'cli' });
      }
    } finally {
      onReplica.close();
    }
  });

  it('pushes a rejection through this API', async () => {
    const id = await seedPending(api);
    await call(api.baseUrl, `/intents/${id}/reject`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"reason":"too thin"}' });
    expect((await stream.next(intentEvent(id, 'REJECTED'))).data).toMatchObject({ status_reason: 'too thin' });
  });

  it('pushes the kill switch state when the risk service trips one and when the API clears it', async () => {
    const switches = new KillSwitchRepository(db.dataSource);
    const at = new Date();
    await switches.trip('SPREAD_ANOMALY', 4.2, 3, 'spread 4.2x the median', 'risk', at);
    await otherProcess.publish(BroadcastEvent.KillSwitchTriggered, { name: 'SPREAD_ANOMALY', value: 4.2, threshold: 3, reason: 'spread 4.2x the median', actor: 'risk', at: at.toISOString() });
    const tripped = await stream.next(switchEvent('SPREAD_ANOMALY', true));
    expect(tripped.data).toMatchObject({ value: 4.2, threshold: 3, reason: 'spread 4.2x the median', tripped_at: at.toISOString() });

    expect((await call(api.baseUrl, '/kill-switches/SPREAD_ANOMALY/clear', { method: 'POST', headers: auth })).status).toBe(200);
    const cleared = await stream.next(switchEvent('SPREAD_ANOMALY', false));
    expect(cleared.data).toMatchObject({ cleared_by: 'api:ops', cleared_at: expect.any(String) });
  });

  it('forgets a stream when its client disconnects', async () => {
    const hub = replica.app.get(OperatorEventHub);
    const before = hub.subscriberCount;
    const extra = await openEventStream(`${replica.baseUrl}/events`, auth);
    await waitFor(() => hub.subscriberCount === before + 1);
    extra.close();
    await waitFor(() => hub.subscriberCount === before);
    expect(hub.subscriberCount).toBe(before);
  });

  it('ends open streams when the API stops, so stopping does not wait on them', async () => {
    const stopping = await startApi(db, { POLYBOT_API_TOKEN: `ops:${SECRET}` });
    const hub = stopping.app.get(OperatorEventHub);
    const open = await openEventStream(`${stopping.baseUrl}/events`, auth);
    await waitFor(() => hub.subscriberCount === 1);
    await stopping.close();
    expect(hub.subscriberCount).toBe(0);
    open.close();
  });
});

