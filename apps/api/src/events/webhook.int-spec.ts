import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { BroadcastEvent } from '@polybot/queues';
import { waitFor } from '@polybot/testing';
import { call, seedPending, startApi, type ApiHarness } from '../test/api-test.harness';
import { OperatorEventHub } from './operator-event.hub';
import { WebhookNotifier } from './webhook.notifier';

interface Receiver {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
  /** Answers 500 to this many requests before it starts answering 204. */
  failuresLeft: number;
  close(): Promise<void>;
}

async function startReceiver(failures: number): Promise<Receiver> {
  const bodies: Record<string, unknown>[] = [];
  const receiver = { bodies, failuresLeft: failures } as { failuresLeft: number };
  const read = async (req: IncomingMessage): Promise<string> => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return text;
  };
  const server: Server = createServer((req, res) => {
    void read(req).then((text) => {
      bodies.push({ ...JSON.parse(text), _contentType: req.headers['content-type'] });
      if (receiver.failuresLeft > 0) {
        receiver.failuresLeft -= 1;
        res.writeHead(500).end('receiver down');
      } else {
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/${randomBytes(4).toString('hex')}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

describe('API webhook (POLYBOT_WEBHOOK_URL) against a real local HTTP receiver', () => {
  let db: TestDatabase;
  let receiver: Receiver;
  let api: ApiHarness;
  let replica: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startReceiver(2);
    const env = { POLYBOT_WEBHOOK_URL: receiver.url };
    api = await startApi(db, env);
    // Same Redis key prefix as a second replica of the same deployment.
    replica = await startApi(db, { ...env, POLYBOT_QUEUE_PREFIX: api.runtime.settings.queuePrefix });
    await Promise.all([api.app.get(OperatorEventHub).ready(), replica.app.get(OperatorEventHub).ready()]);
  });

  afterAll(async () => {
    await replica?.close();
    await api?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('POSTs a new intent, retrying in the background after two failures, once across replicas', async () => {
    const id = await seedPending(api);
    // What the risk service does after committing a proposal.
    await api.runtime.broadcast.publish(BroadcastEvent.IntentProposed, { intentId: id, status: 'PENDING', actor: 'risk', at: new Date().toISOString() });

    const ours = (): Record<string, unknown>[] => receiver.bodies.filter((body) => body.intentId === id);
    await waitFor(() => ours().length >= 3, { timeoutMs: 15_000, what: 'three webhook posts' });
    await Promise.all([api.app.get(WebhookNotifier).idle(), replica.app.get(WebhookNotifier).idle()]);
    expect(ours()).toHaveLength(3);
    for (const body of ours()) {
      expect(body).toMatchObject({ type: 'intent.proposed', intentId: id, status: 'PENDING', actor: 'risk', _contentType: 'application/json' });
      expect(body.intent).toMatchObject({ id, status: 'PENDING', type: 'OPEN_POSITION', price: 0.42, size_usd: 150 });
    }
    const failures = api.logLines.concat(replica.logLines).filter((line) => line.includes('Webhook delivery failed'));
    expect(failures).toHaveLength(2);
    expect(failures.join('\n')).toContain('webhook answered HTTP 500');
    expect(failures.join('\n')).not.toContain(receiver.url);
  });

  it('POSTs a kill switch trip (retried after a failure), but not its clear', async () => {
    receiver.failuresLeft = 1;
    const before = receiver.bodies.length;
    const at = new Date();
    await new KillSwitchRepository(db.dataSource).trip('DAILY_LOSS', 6.1, 5, 'daily loss 6.1% >= 5%', 'risk', at);
    await api.runtime.broadcast.publish(BroadcastEvent.KillSwitchTriggered, { name: 'DAILY_LOSS', value: 6.1, threshold: 5, reason: 'daily loss 6.1% >= 5%', actor: 'risk', at: at.toISOString() });
    // A clear is not announced: the person clearing it knows.
    const cleared = await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', { method: 'POST' });
    expect(cleared.status).toBe(200);

    // Other suites share this Redis and may announce their own switches; this deployment's are named DAILY_LOSS here.
    const ours = (): Record<string, unknown>[] => receiver.bodies.slice(before).filter((body) => body.name === 'DAILY_LOSS');
    await waitFor(() => ours().length >= 2, { timeoutMs: 15_000, what: 'two webhook posts' });
    await Promise.all([api.app.get(WebhookNotifier).idle(), replica.app.get(WebhookNotifier).idle()]);
    expect(ours()).toEqual([
      { type: 'kill-switch.triggered', name: 'DAILY_LOSS', value: 6.1, threshold: 5, reason: 'daily loss 6.1% >= 5%', actor: 'risk', at: at.toISOString(), _contentType: 'application/json' },
      { type: 'kill-switch.triggered', name: 'DAILY_LOSS', value: 6.1, threshold: 5, reason: 'daily loss 6.1% >= 5%', actor: 'risk', at: at.toISOString(), _contentType: 'application/json' },
    ]);
  });
});
