import { AuditRepository } from '../audit/audit.repository';
import { RiskCheckRepository } from '../risk-checks/risk-check.repository';
import { countQueries, createTestDatabase, newIntent, PASSING_CHECKS, secondsAfter, T0, type TestDatabase } from '../testing';
import { IntentRepository } from './intent.repository';

describe('IntentRepository (real Postgres)', () => {
  let db: TestDatabase;
  let intents: IntentRepository;
  let audit: AuditRepository;
  let checks: RiskCheckRepository;
  const actor = { actor: 'risk' };

  beforeAll(async () => {
    db = await createTestDatabase();
    intents = new IntentRepository(db.dataSource);
    audit = new AuditRepository(db.dataSource);
    checks = new RiskCheckRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  async function pending(overrides: Parameters<typeof newIntent>[0] = {}) {
    const intent = await intents.createPending(newIntent(overrides), PASSING_CHECKS, actor);
    if (intent === null) throw new Error('expected an intent');
    return intent;
  }

  describe('createPending', () => {
    it('stores the intent as PENDING with its checks in order and an audit row', async () => {
      const input = newIntent();
      const created = await intents.createPending(input, PASSING_CHECKS, actor);
      expect(created).toMatchObject({
        status: 'PENDING', tokenId: input.tokenId, side: 'BUY', price: 0.42, sizeUsd: 150, edge: 0.065,
        createdAt: T0, expiresAt: secondsAfter(T0, 60), decidedAt: null, decidedBy: null, executedAt: null,
      });
      const found = await intents.findById(created!.id);
      expect(found).toEqual(created);
      expect(found!.riskChecks).toEqual(PASSING_CHECKS);
      const [entry] = await audit.recent(1, { entity: 'intent', entityId: created!.id });
      expect(entry).toMatchObject({ action: 'IntentProposed', actor: 'risk', at: T0 });
      expect(entry.details).toEqual({ to: 'PENDING', tokenId: input.tokenId, side: 'BUY', price: 0.42, sizeUsd: 150 });
    });

    it('returns null for a second open intent on the same token and side, and writes nothing for it', async () => {
      const first = await pending();
      const duplicateId = '0badc0de-0000-4000-8000-000000000001';
      const second = await intents.createPending(newIntent({ id: duplicateId, tokenId: first.tokenId }), PASSING_CHECKS, actor);
      expect(second).toBeNull();
      expect(await intents.findById(duplicateId)).toBeNull();
      expect(await audit.recent(5, { entity: 'intent', entityId: duplicateId })).toEqual([]);
      // The other side of the same token is a different position.
      expect(await intents.createPending(newIntent({ tokenId: first.tokenId, side: 'SELL' }), [], actor)).not.toBeNull();
      expect((await intents.findOpenFor(first.tokenId, 'BUY'))?.id).toBe(first.id);
    });

    it('takes one round trip to Postgres, whether it stores the intent or finds a duplicate', async () => {
      const input = newIntent();
      const created = await countQueries(db.dataSource, () => intents.createPending(input, PASSING_CHECKS, actor));
      expect(created.result).not.toBeNull();
      expect(created.queries).toHaveLength(1);
      const duplicate = await countQueries(db.dataSource, () => intents.createPending(newIntent({ tokenId: input.tokenId }), PASSING_CHECKS, actor));
      expect(duplicate.result).toBeNull();
      expect(duplicate.queries).toHaveLength(1);
    });

    it('keeps a limit of Infinity and the checks\' order', async () => {
      const checks = [{ ...PASSING_CHECKS[1], limit: Infinity }, PASSING_CHECKS[0]];
      const created = await intents.createPending(newIntent(), checks, actor);
      expect((await intents.findById(created!.id))!.riskChecks).toEqual(checks);
    });

    it('allows a new intent once the previous one has ended', async () => {
      const first = await pending();
      expect((await intents.transition(first.id, 'Reject', { now: T0, actor: 'alice', reason: 'no' })).ok).toBe(true);
      const again = await intents.createPending(newIntent({ tokenId: first.tokenId }), [], actor);
      expect(again).not.toBeNull();
      expect(again!.id).not.toBe(first.id);
    });
  });

  describe('listOpenWithoutChecks', () => {
    it('lists every open intent (no cap) without checks, and none that has ended', async () => {
      const open = await pending();
      const ended = await pending();
      await intents.transition(ended.id, 'Reject', { now: T0, actor: 'alice', reason: 'no' });
      const listed = await countQueries(db.dataSource, () => intents.listOpenWithoutChecks());
      expect(listed.queries).toHaveLength(1);
      const { riskChecks: _checks, ...withoutChecks } = open;
      expect(listed.result.find((i) => i.id === open.id)).toEqual(withoutChecks);
      expect(listed.result.some((i) => i.id === ended.id)).toBe(false);
      expect(listed.result.map((i) => i.id).sort()).toEqual((await intents.list({ limit: 1000 })).map((i) => i.id).sort());
    });

    it('lists only the statuses asked for, oldest first', async () => {
      const older = await pending({ createdAt: secondsAfter(T0, -2) });
      const newer = await pending({ createdAt: secondsAfter(T0, -1) });
      const untouched = await pending();
      for (const intent of [newer, older]) await intents.transition(intent.id, 'Approve', { now: T0, actor: 'alice' });
      await intents.transition(newer.id, 'StartExecution', { now: T0, actor: 'executor' });
      const owed = (await intents.listOpenWithoutChecks(['APPROVED', 'EXECUTING'])).map((i) => i.id);
      expect(owed.indexOf(older.id)).toBeGreaterThanOrEqual(0);
      expect(owed.indexOf(older.id)).toBeLessThan(owed.indexOf(newer.id));
      expect(owed).not.toContain(untouched.id);
    });
  });

  describe('transition', () => {
    it('walks PENDING -> APPROVED -> EXECUTING -> EXECUTED, stamping who and when', async () => {
      const intent = await pending();
      const approvedAt = secondsAfter(T0, 10);
      const approved = await intents.transition(intent.id, 'Approve', { now: approvedAt, actor: 'alice' });
      expect(approved).toMatchObject({ ok: true, intent: { status: 'APPROVED', decidedAt: approvedAt, decidedBy: 'alice', statusReason: null } });
      const executing = await intents.transition(intent.id, 'StartExecution', { now: secondsAfter(T0, 11), actor: 'executor' });
      expect(executing).toMatchObject({ ok: true, intent: { status: 'EXECUTING', decidedBy: 'alice', executedAt: null } });
      const doneAt = secondsAfter(T0, 12);
      const executed = await intents.transition(intent.id, 'CompleteExecution', { now: doneAt, actor: 'executor' });
      expect(executed).toMatchObject({ ok: true, intent: { status: 'EXECUTED', executedAt: doneAt, decidedAt: approvedAt } });
      if (executed.ok) expect(executed.intent.riskChecks).toEqual(PASSING_CHECKS);
      const actions = (await audit.recent(10, { entity: 'intent', entityId: intent.id })).map((e) => e.action);
      expect(actions).toEqual(['IntentExecuted', 'IntentExecutionStarted', 'IntentApproved', 'IntentProposed']);
    });

    it('records FAILED from EXECUTING and from APPROVED with the reason', async () => {
      const a = await pending();
      await intents.transition(a.id, 'Approve', { now: T0, actor: 'alice' });
      await intents.transition(a.id, 'StartExecution', { now: T0, actor: 'executor' });
      expect(await intents.transition(a.id, 'FailExecution', { now: T0, actor: 'executor', reason: 'venue said no' }))
        .toMatchObject({ ok: true, intent: { status: 'FAILED', statusReason: 'venue said no', decidedBy: 'alice' } });
      const b = await pending();
      await intents.transition(b.id, 'Approve', { now: T0, actor: 'alice' });
      expect(await intents.transition(b.id, 'FailExecution', { now: T0, actor: 'executor', reason: 'kill switch DRAWDOWN' }))
        .toMatchObject({ ok: true, intent: { status: 'FAILED', statusReason: 'kill switch DRAWDOWN' } });
    });

    it('rejects and expires PENDING intents only', async () => {
      const a = await pending();
      expect(await intents.transition(a.id, 'Reject', { now: T0, actor: 'bob', reason: 'too thin' }))
        .toMatchObject({ ok: true, intent: { status: 'REJECTED', decidedBy: 'bob', statusReason: 'too thin', decidedAt: T0 } });
      expect(await intents.transition(a.id, 'Approve', { now: T0, actor: 'alice' }))
        .toMatchObject({ ok: false, error: 'WRONG_STATUS', current: 'REJECTED', intent: { id: a.id, status: 'REJECTED' } });
      const b = await pending();
      expect(await intents.transition(b.id, 'Expire', { now: T0, actor: 'system' })).toMatchObject({ ok: true, intent: { status: 'EXPIRED' } });
      expect(await intents.transition(b.id, 'Reject', { now: T0, actor: 'bob' })).toMatchObject({ ok: false, current: 'EXPIRED' });
      expect(await intents.transition(b.id, 'StartExecution', { now: T0, actor: 'executor' })).toMatchObject({ ok: false, current: 'EXPIRED' });
    });

    it('says NOT_FOUND for an unknown or malformed id', async () => {
      expect(await intents.transition('6f1d3c1e-0000-4000-8000-000000000000', 'Approve', { now: T0, actor: 'a' }))
        .toEqual({ ok: false, error: 'NOT_FOUND' });
      expect(await intents.transition('nope', 'Approve', { now: T0, actor: 'a' })).toEqual({ ok: false, error: 'NOT_FOUND' });
    });

    it('expires instead of approving once expires_at has passed', async () => {
      const intent = await pending();
      const late = secondsAfter(T0, 61);
      const result = await intents.transition(intent.id, 'Approve', { now: late, actor: 'alice' });
      expect(result).toMatchObject({ ok: false, error: 'WRONG_STATUS', current: 'EXPIRED', intent: { status: 'EXPIRED', decidedAt: late } });
      expect((await intents.findById(intent.id))!.status).toBe('EXPIRED');
      const actions = (await audit.recent(5, { entity: 'intent', entityId: intent.id })).map((e) => e.action);
      expect(actions).toEqual(['IntentExpired', 'IntentProposed']);
    });

    it('lets exactly one of 20 concurrent approvals win, and stores only the winner\'s approval checks', async () => {
      const intent = await pending();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => intents.transition(intent.id, 'Approve', {
          now: secondsAfter(T0, 5), actor: `op-${i}`,
          checks: { phase: 'APPROVAL', results: [{ name: 'MAX_EXPOSURE', passed: true, value: i, limit: Number.POSITIVE_INFINITY, message: `op-${i}` }] },
        })),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error === 'WRONG_STATUS' && r.current === 'APPROVED')).toHaveLength(19);
      const approvals = (await audit.recent(50, { entity: 'intent', entityId: intent.id })).filter((e) => e.action === 'IntentApproved');
      expect(approvals).toHaveLength(1);
      expect(await checks.forIntent(intent.id, 'APPROVAL')).toEqual([expect.objectContaining({ limit: Number.POSITIVE_INFINITY, message: approvals[0].actor })]);
      expect(winners[0].ok && winners[0].intent.riskChecks).toEqual(PASSING_CHECKS);
    });

    it('stores checks given with a transition in order, and none when the transition does not happen', async () => {
      const intent = await pending();
      const results = [
        { name: 'KILL_SWITCHES', passed: true, value: 0, limit: 0, message: 'no kill switch blocks it' },
        { name: 'MAX_ORDERS', passed: false, value: 9, limit: 5, message: 'too many' },
      ];
      await intents.transition(intent.id, 'Approve', { now: T0, actor: 'alice' });
      expect(await intents.transition(intent.id, 'StartExecution', { now: T0, actor: 'executor', checks: { phase: 'EXECUTION', results } })).toMatchObject({ ok: true });
      expect(await checks.forIntent(intent.id, 'EXECUTION')).toEqual(results);
      expect(await intents.transition(intent.id, 'StartExecution', { now: T0, actor: 'executor', checks: { phase: 'EXECUTION', results } })).toMatchObject({ ok: false });
      expect(await checks.forIntent(intent.id, 'EXECUTION')).toHaveLength(2);
    });

    it('has exactly one winner when an approval races the expiry sweep', async () => {
      for (let round = 0; round < 5; round += 1) {
        const intent = await pending({ expiresAt: secondsAfter(T0, 30) });
        // The approver's clock still says "live"; the sweeper's says "due".
        const [approval, expired] = await Promise.all([
          intents.transition(intent.id, 'Approve', { now: secondsAfter(T0, 29), actor: 'alice' }),
          intents.expireDue(secondsAfter(T0, 30)),
        ]);
        const final = (await intents.findById(intent.id))!;
        const sweptThis = expired.some((e) => e.id === intent.id);
        expect(approval.ok !== sweptThis).toBe(true);
        expect(final.status).toBe(approval.ok ? 'APPROVED' : 'EXPIRED');
        if (!approval.ok) expect(approval).toMatchObject({ error: 'WRONG_STATUS', current: 'EXPIRED' });
      }
    });
  });

  describe('bulk changes', () => {
    it('expireDue expires only PENDING intents that are due, with audit rows', async () => {
      const base = secondsAfter(T0, 3600);
      const due = await pending({ createdAt: base, expiresAt: secondsAfter(base, 10) });
      const later = await pending({ createdAt: base, expiresAt: secondsAfter(base, 100) });
      const approved = await pending({ createdAt: base, expiresAt: secondsAfter(base, 10) });
      await intents.transition(approved.id, 'Approve', { now: base, actor: 'alice' });
      const expired = await intents.expireDue(secondsAfter(base, 10), 'sweeper');
      const ids = expired.map((i) => i.id);
      expect(ids).toContain(due.id);
      expect(ids).not.toContain(later.id);
      expect(ids).not.toContain(approved.id);
      expect(expired.find((i) => i.id === due.id)).toMatchObject({ status: 'EXPIRED', decidedBy: 'sweeper', riskChecks: PASSING_CHECKS });
      expect((await audit.recent(1, { entity: 'intent', entityId: due.id }))[0]).toMatchObject({ action: 'IntentExpired', actor: 'sweeper' });
      expect(await intents.expireDue(secondsAfter(base, 10))).toEqual([]);
    });

    it('rejectAllPending rejects every PENDING intent and leaves the rest', async () => {
      const a = await pending();
      const b = await pending();
      const approved = await pending();
      await intents.transition(approved.id, 'Approve', { now: T0, actor: 'alice' });
      const rejected = await intents.rejectAllPending('kill switch DRAWDOWN tripped', 'kill-switch:DRAWDOWN', T0);
      expect(rejected.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(rejected.every((i) => i.status === 'REJECTED' && i.statusReason === 'kill switch DRAWDOWN tripped')).toBe(true);
      expect((await intents.findById(approved.id))!.status).toBe('APPROVED');
      expect(await intents.list({ status: 'PENDING' })).toEqual([]);
    });
  });

  describe('queries', () => {
    it('resolves full ids and unique prefixes, refuses short or ambiguous ones', async () => {
      const a = await pending({ id: 'abcdef12-0000-4000-8000-000000000001' });
      await pending({ id: 'abcdef12-0000-4000-8000-000000000002' });
      await pending({ id: 'abc00000-0000-4000-8000-000000000003' });
      expect(await intents.resolveId(a.id)).toEqual({ ok: true, id: a.id });
      expect(await intents.resolveId(a.id.toUpperCase())).toEqual({ ok: true, id: a.id });
      expect(await intents.resolveId('abc000')).toEqual({ ok: true, id: 'abc00000-0000-4000-8000-000000000003' });
      expect(await intents.resolveId('abcdef12-0000-4000-8000-00000000000')).toEqual({ ok: false, error: 'AMBIGUOUS' });
      expect(await intents.resolveId('abcdef')).toEqual({ ok: false, error: 'AMBIGUOUS' });
      expect(await intents.resolveId('abcde')).toEqual({ ok: false, error: 'TOO_SHORT' });
      expect(await intents.resolveId('ffffff')).toEqual({ ok: false, error: 'NOT_FOUND' });
      expect(await intents.resolveId('abc%%%')).toEqual({ ok: false, error: 'NOT_FOUND' });
      expect(await intents.resolveId('ffffffff-0000-4000-8000-000000000003')).toEqual({ ok: false, error: 'NOT_FOUND' });
    });

    it('lists open intents newest first by default, filters by status, and counts by status', async () => {
      const base = secondsAfter(T0, 7200);
      const older = await pending({ createdAt: base, expiresAt: secondsAfter(base, 60) });
      const newer = await pending({ createdAt: secondsAfter(base, 1), expiresAt: secondsAfter(base, 60) });
      const open = await intents.list();
      expect(open.every((i) => ['PENDING', 'APPROVED', 'EXECUTING'].includes(i.status))).toBe(true);
      expect(open.slice(0, 2).map((i) => i.id)).toEqual([newer.id, older.id]);
      expect(open[0].riskChecks).toEqual(PASSING_CHECKS);
      const all = await intents.list({ all: true, limit: 1000 });
      expect(all.some((i) => i.status === 'REJECTED')).toBe(true);
      expect((await intents.list({ status: 'REJECTED' })).every((i) => i.status === 'REJECTED')).toBe(true);
      expect(await intents.list({ all: true, limit: 2 })).toHaveLength(2);
      const counts = await intents.countByStatus();
      expect(Object.keys(counts).sort()).toEqual(['APPROVED', 'EXECUTED', 'EXECUTING', 'EXPIRED', 'FAILED', 'PENDING', 'REJECTED']);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(all.length);
      expect(counts.PENDING).toBe((await intents.list({ status: 'PENDING', limit: 1000 })).length);
    });

    it('refuses a list limit it would not honour, rather than returning fewer intents than asked', async () => {
      for (const limit of [0, -1, 1.5, 1001, 10_000]) {
        await expect(intents.list({ all: true, limit })).rejects.toThrow(`intent list limit must be an integer from 1 to 1000, got ${limit}`);
        await expect(intents.listWithTotal({ all: true, limit })).rejects.toThrow(RangeError);
      }
    });

    it('listWithTotal: the same page as list, and how many match in all, in one round trip', async () => {
      const counts = await intents.countByStatus();
      const everything = Object.values(counts).reduce((a, b) => a + b, 0);
      const page = await countQueries(db.dataSource, () => intents.listWithTotal({ all: true, limit: 2 }));
      expect(page.queries).toHaveLength(1);
      expect(page.result.intents).toEqual(await intents.list({ all: true, limit: 2 }));
      expect(page.result.total).toBe(everything);
      expect((await intents.listWithTotal({ status: 'REJECTED', limit: 1000 })).total).toBe(counts.REJECTED);
      expect((await intents.listWithTotal()).total).toBe(counts.PENDING + counts.APPROVED + counts.EXECUTING);
    });
  });

  it('the database itself refuses a second open intent and out-of-range values', async () => {
    const first = await pending();
    const insert = (status: string, price = 0.5) => db.dataSource.query(
      `INSERT INTO intents (id, type, status, market_id, condition_id, token_id, outcome, side, price, size_usd, reason, created_at, expires_at)
       VALUES (gen_random_uuid(), 'OPEN_POSITION', $1, 'm', 'c', $2, 'Yes', 'BUY', $3, 1, 'r', now(), now())`,
      [status, first.tokenId, price]);
    await expect(insert('APPROVED')).rejects.toThrow(/intents_one_open_per_token_side/);
    await expect(insert('DONE')).rejects.toThrow(/intents_status_check/);
    await expect(insert('EXPIRED', 1.5)).rejects.toThrow(/intents_price_check/);
    await expect(insert('EXPIRED')).resolves.toBeDefined();
  });
});
