import { randomUUID } from 'node:crypto';
import type { IntentJson } from '@polybot/intents';
import { createTestDatabase, ExecutionRepository, type TestDatabase } from '@polybot/persistence';
import { approvedIntentJobId, QueueName } from '@polybot/queues';
import { call, postJson, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

describe('API /intents over real HTTP, Postgres and Redis', () => {
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

  const post = (path: string, init: RequestInit = { method: 'POST' }) => call(api.baseUrl, path, init);

  it('lists intents filtered by status as a bare JSON array of snake_case intents', async () => {
    const pending = await seedPending(api);
    const rejected = await seedPending(api);
    expect((await post(`/intents/${rejected}/reject`)).status).toBe(200);

    const onlyRejected = await call(api.baseUrl, '/intents?status=REJECTED');
    expect(onlyRejected.status).toBe(200);
    const rejectedIds = (onlyRejected.body as IntentJson[]).map((i) => i.id);
    expect(rejectedIds).toContain(rejected);
    expect(rejectedIds).not.toContain(pending);

    const onlyPending = (await call(api.baseUrl, '/intents?status=PENDING')).body as IntentJson[];
    const mine = onlyPending.find((i) => i.id === pending);
    expect(mine).toMatchObject({ status: 'PENDING', side: 'BUY', size_usd: 150, market_id: 'm-1', execution: null });
    expect(mine?.risk_checks[0]).toMatchObject({ name: 'MIN_EDGE', passed: true });
    expect(onlyPending.every((i) => i.status === 'PENDING')).toBe(true);

    // Open intents by default, every status with all=true.
    const open = ((await call(api.baseUrl, '/intents')).body as IntentJson[]).map((i) => i.id);
    expect(open).toContain(pending);
    expect(open).not.toContain(rejected);
    const all = ((await call(api.baseUrl, '/intents?all=true')).body as IntentJson[]).map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([pending, rejected]));
    expect(((await call(api.baseUrl, '/intents?all=true&limit=1')).body as IntentJson[])).toHaveLength(1);
  });

  it('says in X-Total-Count how many intents matched, so a list cut by the limit is never mistaken for all of them', async () => {
    await seedPending(api);
    const everything = (await call(api.baseUrl, '/intents?all=true&limit=1000')).body as IntentJson[];
    expect(everything.length).toBeGreaterThan(1);
    const cut = await fetch(`${api.baseUrl}/intents?all=true&limit=1`);
    expect(await cut.json()).toHaveLength(1);
    expect(cut.headers.get('x-total-count')).toBe(String(everything.length));
    const rejected = await fetch(`${api.baseUrl}/intents?status=REJECTED`);
    expect(rejected.headers.get('x-total-count')).toBe(String(((await rejected.json()) as IntentJson[]).length));
    const docs = (await call(api.baseUrl, '/docs-json')).body as { paths: Record<string, { get?: { responses: Record<string, { headers?: object }> } }> };
    expect(docs.paths['/intents'].get?.responses['200'].headers).toHaveProperty('X-Total-Count');
  });

  it('answers 400 naming the allowed values for a bad status, and 400 for other bad query parameters', async () => {
    const bad = await call(api.baseUrl, '/intents?status=WAITING');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'status must be one of PENDING, APPROVED, EXECUTING, EXECUTED, FAILED, REJECTED, EXPIRED' });

    expect(await call(api.baseUrl, '/intents?limit=0')).toMatchObject({ status: 400, body: { error: expect.stringContaining('limit') } });
    expect(await call(api.baseUrl, '/intents?limit=1001')).toMatchObject({ status: 400 });
    expect(await call(api.baseUrl, '/intents?limit=ten')).toMatchObject({ status: 400 });
    expect(await call(api.baseUrl, '/intents?all=maybe')).toMatchObject({ status: 400, body: { error: 'all must be true or false' } });
    expect(await call(api.baseUrl, '/intents?stauts=PENDING')).toMatchObject({ status: 400, body: { error: 'unknown parameter "stauts"' } });
  });

  it('gets one intent by a unique prefix, with its execution', async () => {
    const id = await seedPending(api);
    expect((await post(`/intents/${id}/approve`)).status).toBe(200);
    await api.app.get(ExecutionRepository).recordOutcome({ intentId: id, mode: 'DRY_RUN', status: 'SIMULATED', orderRequest: { side: 'BUY', price: 0.42 } });

    const found = await call(api.baseUrl, `/intents/${id.slice(0, 8)}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id, status: 'APPROVED', decided_by: 'api', execution: { mode: 'DRY_RUN', status: 'SIMULATED', order: { side: 'BUY', price: 0.42 } } });

    const tooShort = await call(api.baseUrl, `/intents/${id.slice(0, 4)}`);
    expect(tooShort).toMatchObject({ status: 400, body: { error: expect.stringContaining('at least 6 characters') } });
  });

  /** The API's own counters: approvals by status, and observations of approval latency. */
  const approvalsCounted = async () => {
    const metrics = api.runtime.metrics;
    const intents = await metrics.intents.get();
    const latency = await metrics.approvalLatency.get();
    return {
      approved: intents.values.find((v) => v.labels.status === 'APPROVED')?.value ?? 0,
      latencies: latency.values.find((v) => v.metricName === 'polybot_approval_latency_seconds_count')?.value ?? 0,
    };
  };

  it('approves a PENDING intent: 200 APPROVED, and the executor job is queued under its id', async () => {
    const id = await seedPending(api);
    const before = await approvalsCounted();
    const approved = await post(`/intents/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: 'APPROVED', decided_by: 'api' });
    expect((approved.body as IntentJson).decided_at).not.toBeNull();

    const job = await api.runtime.queue.queue(QueueName.ApprovedIntents).getJob(approvedIntentJobId(id));
    expect(job?.id).toBe(`intent-${id}`);
    expect(job?.data).toMatchObject({ v: 1, intentId: id });

    const again = await post(`/intents/${id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: expect.stringContaining('it is APPROVED, not PENDING'), status: 'APPROVED' });

    // The decision is counted once, with how long the intent waited for it.
    expect(await approvalsCounted()).toEqual({ approved: before.approved + 1, latencies: before.latencies + 1 });
  });

  it('30 concurrent approvals of one intent: one 200, the rest a clean 409 naming its status; one set of approval checks, one job', async () => {
    const id = await seedPending(api);
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(`/intents/${id}/approve`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.status !== 200)) {
      expect({ status: loser.status, body: loser.body }).toEqual({
        status: 409, body: { error: expect.stringMatching(/it is (APPROVED|EXECUTING|EXECUTED), not PENDING/), status: expect.any(String) },
      });
    }
    const [checks] = await db.dataSource.query(`SELECT count(DISTINCT checked_at)::int AS runs FROM risk_check_results WHERE intent_id = $1 AND phase = 'APPROVAL'`, [id]);
    expect(checks.runs).toBe(1);
    expect((await api.runtime.queue.queue(QueueName.ApprovedIntents).getJob(approvedIntentJobId(id)))?.data).toMatchObject({ intentId: id });
  });

  it('answers 409 EXPIRED, saying so, for an intent whose approval window has passed', async () => {
    const now = Date.now();
    const id = await seedPending(api, { createdAt: new Date(now - 600_000), expiresAt: new Date(now - 1_000) });
    const answer = await post(`/intents/${id}/approve`);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: expect.stringContaining('approval window has passed'), status: 'EXPIRED' });
    expect((await api.intents.findById(id))?.status).toBe('EXPIRED');
    expect(await api.runtime.queue.queue(QueueName.ApprovedIntents).getJob(approvedIntentJobId(id))).toBeUndefined();
  });

  it('rejects with a reason, and validates the reason', async () => {
    const id = await seedPending(api);
    const tooLong = await post(`/intents/${id}/reject`, postJson(JSON.stringify({ reason: 'x'.repeat(501) })));
    expect(tooLong).toMatchObject({ status: 400, body: { error: 'reason is longer than 500 characters' } });
    const notText = await post(`/intents/${id}/reject`, postJson(JSON.stringify({ reason: 42 })));
    expect(notText).toMatchObject({ status: 400, body: { error: 'reason must be a string' } });
    const extra = await post(`/intents/${id}/reject`, postJson(JSON.stringify({ reason: 'ok', why: 'x' })));
    expect(extra).toMatchObject({ status: 400, body: { error: 'unknown field "why"' } });
    expect((await api.intents.findById(id))?.status).toBe('PENDING');

    const rejected = await post(`/intents/${id}/reject`, postJson(JSON.stringify({ reason: 'spread too wide' })));
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ id, status: 'REJECTED', status_reason: 'spread too wide', decided_by: 'api' });

    const approveRejected = await post(`/intents/${id}/approve`);
    expect(approveRejected).toMatchObject({ status: 409, body: { status: 'REJECTED' } });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = randomUUID();
    expect(await call(api.baseUrl, `/intents/${unknown}`)).toMatchObject({ status: 404, body: { error: `no intent matches id "${unknown}"` } });
    expect(await post(`/intents/${unknown}/approve`)).toMatchObject({ status: 404 });
    expect(await post(`/intents/not-an-id!/approve`)).toMatchObject({ status: 400, body: { error: expect.stringContaining('not a valid id') } });
    expect(await call(api.baseUrl, `/intents/${'a'.repeat(40)}`)).toMatchObject({ status: 400, body: { error: 'intent id is longer than 36 characters' } });
  });

  it('answers 400 for a body that is not JSON and 413 for one over the limit, leaving the intent alone', async () => {
    const id = await seedPending(api);
    const badJson = await post(`/intents/${id}/reject`, postJson('{"reason": '));
    expect(badJson).toMatchObject({ status: 400, body: { error: 'the request body is not valid JSON' } });
    const notObject = await post(`/intents/${id}/reject`, postJson('["a"]'));
    expect(notObject).toMatchObject({ status: 400, body: { error: 'the request body must be a JSON object' } });
    const huge = await post(`/intents/${id}/reject`, postJson(JSON.stringify({ reason: 'x'.repeat(20_000) })));
    expect(huge).toMatchObject({ status: 413, body: { error: 'the request body is larger than 16kb' } });
    expect((await api.intents.findById(id))?.status).toBe('PENDING');
  });

  it('answers unknown routes in the same error model', async () => {
    const answer = await call(api.baseUrl, '/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: expect.stringContaining('/nowhere') });
  });

  it('turns an unexpected failure into a bare 500 and logs the stack instead', async () => {
    // A real query failure that is not a lost connection: the table is gone for a moment.
    await db.dataSource.query('ALTER TABLE intents RENAME TO intents_hidden');
    let answer;
    try {
      answer = await call(api.baseUrl, '/intents');
    } finally {
      await db.dataSource.query('ALTER TABLE intents_hidden RENAME TO intents');
    }
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: 'internal error' });
    expect(answer.text).not.toMatch(/intents|relation|at /);

    const logged = api.logLines.map((line) => JSON.parse(line) as { level: string; message: string; err?: { stack?: string } });
    const entry = logged.find((line) => line.message === 'Unhandled error in API request');
    expect(entry?.level).toBe('ERROR');
    expect(entry?.err?.stack).toMatch(/relation "intents" does not exist[\s\S]*\n\s+at /);
  });
});
