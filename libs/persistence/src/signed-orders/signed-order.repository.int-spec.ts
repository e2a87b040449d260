import { randomUUID } from 'node:crypto';
import type { Fill } from '@polybot/domain';
import { ExecutionRepository } from '../executions/execution.repository';
import { FillRepository } from '../fills/fill.repository';
import { IntentRepository } from '../intents/intent.repository';
import { createTestDatabase, newIntent, type TestDatabase } from '../testing';
import { SignedOrderRepository } from './signed-order.repository';

describe('SignedOrderRepository (real Postgres)', () => {
  let db: TestDatabase;
  let signed: SignedOrderRepository;
  let intents: IntentRepository;
  let fills: FillRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    signed = new SignedOrderRepository(db.dataSource);
    intents = new IntentRepository(db.dataSource);
    fills = new FillRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('stores one signed order per intent: a second signing gets the first one back', async () => {
    const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    const first = await signed.storeOnce(intent.id, { orderHash: '0xaaa', salt: '1', signature: '0xsig1', signedOrder: { salt: '1' } });
    expect(first).toMatchObject({ intentId: intent.id, orderHash: '0xaaa', state: 'SIGNED', orderId: null, fillsRecorded: false, signedOrder: { salt: '1' } });
    const second = await signed.storeOnce(intent.id, { orderHash: '0xbbb', salt: '2', signature: '0xsig2', signedOrder: { salt: '2' } });
    expect(second).toMatchObject({ orderHash: '0xaaa', salt: '1', signature: '0xsig1' });

    await signed.markPosted(intent.id, '0xaaa');
    expect(await signed.findByIntent(intent.id)).toMatchObject({ state: 'POSTED', orderId: '0xaaa' });
    expect(await signed.findByIntent('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('stores the signed order and its SIGNED outcome together; a lost race gets the winner\'s order and leaves its outcome alone', async () => {
    const executions = new ExecutionRepository(db.dataSource);
    const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    const request = { tokenId: 'tok', side: 'BUY', price: 0.4, size: 10 };
    const racers = await Promise.all(['1', '2', '3'].map((n) =>
      signed.storeOnceWithOutcome(intent.id, { orderHash: `0x${n}`, salt: n, signature: `0xsig${n}`, signedOrder: { salt: n } }, request, randomUUID())));
    expect(new Set(racers.map((r) => r.orderHash)).size).toBe(1);
    // The winner stored it claimed to post; the losers must claim it.
    expect(racers.map((r) => r.postClaimed).sort()).toEqual([false, false, true]);
    expect(await signed.findByIntent(intent.id)).toMatchObject({ orderHash: racers[0].orderHash, state: 'POSTING' });
    expect(await executions.findByIntent(intent.id)).toMatchObject({ mode: 'LIVE', status: 'SIGNED', orderId: racers[0].orderHash, orderRequest: request, error: null });

    await executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: 'POSTED', orderRequest: request, orderId: racers[0].orderHash });
    const late = await signed.storeOnceWithOutcome(intent.id, { orderHash: '0xlate', salt: '9', signature: '0xsig9', signedOrder: {} }, request, randomUUID());
    expect(late.orderHash).toBe(racers[0].orderHash);
    expect((await executions.findByIntent(intent.id))?.status).toBe('POSTED');
  });

  it('writes an order\'s LIVE fills exactly once', async () => {
    const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
    await signed.storeOnce(intent.id, { orderHash: `0x${intent.id}`, salt: '3', signature: '0xsig3', signedOrder: {} });
    const fill: Fill = {
      intentId: intent.id, kind: 'TRADE', tokenId: 'tok', marketId: 'm', conditionId: '0xc', outcome: 'Yes', category: null,
      side: 'BUY', price: 0.42, shares: 10, feeUsd: 0.05, at: new Date(),
    };
    expect(await signed.recordFillsOnce(intent.id, [fill], fills)).toBe(true);
    expect(await signed.recordFillsOnce(intent.id, [fill], fills)).toBe(false);
    expect(await fills.forIntent(intent.id)).toHaveLength(1);
    expect((await fills.all('LIVE')).filter((f) => f.intentId === intent.id)).toHaveLength(1);
    expect(await signed.findByIntent(intent.id)).toMatchObject({ state: 'DONE', fillsRecorded: true });
  });

  describe('the fence between posting and withholding an order', () => {
    const BOUND_MS = 2000;
    const stored = async (state: 'SIGNED' | 'POSTING'): Promise<string> => {
      const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
      const order = { orderHash: `0x${intent.id}`, salt: '4', signature: '0xsig4', signedOrder: {} };
      if (state === 'SIGNED') await signed.storeOnce(intent.id, order);
      else await signed.storeOnceWithOutcome(intent.id, order, {}, randomUUID());
      return intent.id;
    };
    /** The latest claim (or change) made `ms` ago. */
    const age = (intentId: string, ms: number) => db.dataSource.query(`UPDATE signed_orders SET updated_at = now() - make_interval(secs => $2::float8 / 1000) WHERE intent_id = $1`, [intentId, ms]);
    const stateOf = async (intentId: string) => (await signed.findByIntent(intentId))?.state;

    it('a claim to post takes a SIGNED or POSTING order and moves the claim\'s time; not a POSTED or DONE one', async () => {
      const id = await stored('SIGNED');
      expect(await signed.claimPost(id, randomUUID())).toBe(true);
      expect(await stateOf(id)).toBe('POSTING');
      await age(id, 60_000);
      expect(await signed.claimPost(id, randomUUID())).toBe(true);
      expect(Date.now() - (await signed.findByIntent(id))!.updatedAt.getTime()).toBeLessThan(5_000);

      expect(await signed.markPosted(id, '0xvenue')).toBe(true);
      expect(await signed.claimPost(id, randomUUID())).toBe(false);
      expect(await signed.findByIntent(id)).toMatchObject({ state: 'POSTED', orderId: '0xvenue' });
    });

    it('withholds a SIGNED or POSTING order only once it was stored or claimed longer ago than the bound plus the time spent looking', async () => {
      // SIGNED: stored by code from before the fence, which posts without a claim.
      const never = await stored('SIGNED');
      expect(await signed.withhold(never, BOUND_MS)).toBe(false);
      await age(never, 3_000);
      expect(await signed.withhold(never, BOUND_MS)).toBe(true);
      expect(await stateOf(never)).toBe('WITHHELD');

      const fresh = await stored('POSTING');
      expect(await signed.withhold(fresh, BOUND_MS)).toBe(false);
      expect(await stateOf(fresh)).toBe('POSTING');
      // 3 s old: past the 2 s bound, but not past it plus 2 s spent looking at the venue.
      await age(fresh, 3_000);
      expect(await signed.withhold(fresh, BOUND_MS + 2_000)).toBe(false);
      expect(await signed.withhold(fresh, BOUND_MS)).toBe(true);
      expect(await stateOf(fresh)).toBe('WITHHELD');

      const posted = await stored('POSTING');
      await signed.markPosted(posted, '0xvenue');
      await age(posted, 60_000);
      expect(await signed.withhold(posted, BOUND_MS)).toBe(false);
      expect(await stateOf(posted)).toBe('POSTED');
    });

    it('a WITHHELD order is never claimed to post, never marked POSTED, and stays WITHHELD', async () => {
      const id = await stored('SIGNED');
      expect(await signed.withhold(id, 0)).toBe(true);
      expect(await signed.claimPost(id, randomUUID())).toBe(false);
      expect(await signed.markPosted(id, '0xvenue')).toBe(false);
      expect(await signed.withhold(id, BOUND_MS)).toBe(false);
      expect(await signed.findByIntent(id)).toMatchObject({ state: 'WITHHELD', orderId: null });
    });

    it('after a refusal withholds the order under the claim that posted it, not under a later claim of another delivery', async () => {
      const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
      const first = randomUUID();
      await signed.storeOnceWithOutcome(intent.id, { orderHash: `0x${intent.id}`, salt: '7', signature: '0xsig7', signedOrder: {} }, {}, first);
      expect(await signed.withholdRefused(intent.id, first)).toBe(true);
      expect(await stateOf(intent.id)).toBe('WITHHELD');
      expect(await signed.withholdRefused(intent.id, first)).toBe(true);
      expect(await signed.claimPost(intent.id, randomUUID())).toBe(false);

      // Another delivery claimed it after the refused post: it may be posting it.
      const id = await stored('POSTING');
      const later = randomUUID();
      expect(await signed.claimPost(id, later)).toBe(true);
      expect(await signed.withholdRefused(id, randomUUID())).toBe(false);
      expect(await stateOf(id)).toBe('POSTING');
      expect(await signed.withholdRefused(id, later)).toBe(true);

      const posted = await stored('POSTING');
      const poster = randomUUID();
      expect(await signed.claimPost(posted, poster)).toBe(true);
      expect(await signed.markPosted(posted, '0xorder')).toBe(true);
      expect(await signed.withholdRefused(posted, poster)).toBe(false);
      expect(await stateOf(posted)).toBe('POSTED');
    });

    it('a claim and a withhold racing on one SIGNED order: exactly one wins', async () => {
      for (let round = 0; round < 10; round += 1) {
        const id = await stored('SIGNED');
        // Old enough to withhold: the claim, taken first, would make it young again.
        await age(id, 3_000);
        const [claimed, withheld] = await Promise.all([signed.claimPost(id, randomUUID()), signed.withhold(id, BOUND_MS)]);
        expect([claimed, withheld].filter(Boolean)).toHaveLength(1);
        expect(await stateOf(id)).toBe(claimed ? 'POSTING' : 'WITHHELD');
      }
    });

    it('withholds an intent with no order stored in its order\'s place, for good: a later store gets that row and no claim to post', async () => {
      const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
      expect(await signed.withholdUnsent(intent.id)).toBe(true);
      expect(await signed.findByIntent(intent.id)).toMatchObject({ state: 'WITHHELD', neverSigned: true, orderHash: `never-signed:${intent.id}` });
      expect(await signed.withholdUnsent(intent.id)).toBe(true);

      const late = await signed.storeOnceWithOutcome(intent.id, { orderHash: `0x${intent.id}`, salt: '5', signature: '0xsig5', signedOrder: {} }, {}, randomUUID());
      expect(late).toMatchObject({ state: 'WITHHELD', neverSigned: true, postClaimed: false });
      expect(await new ExecutionRepository(db.dataSource).findByIntent(intent.id)).toBeNull();
      expect(await signed.claimPost(intent.id, randomUUID())).toBe(false);
    });

    it('does not withhold in its place an intent whose order another delivery stored: that order is reconciled, not failed', async () => {
      const id = await stored('POSTING');
      expect(await signed.withholdUnsent(id)).toBe(false);
      expect(await signed.findByIntent(id)).toMatchObject({ state: 'POSTING', neverSigned: false });
    });

    it('a store and a withhold in its place racing: exactly one wins', async () => {
      for (let round = 0; round < 10; round += 1) {
        const intent = (await intents.createPending(newIntent(), [], { actor: 'risk' }))!;
        const order = { orderHash: `0x${intent.id}`, salt: '6', signature: '0xsig6', signedOrder: {} };
        const [stored, fenced] = await Promise.all([signed.storeOnceWithOutcome(intent.id, order, {}, randomUUID()), signed.withholdUnsent(intent.id)]);
        expect([stored.postClaimed, fenced].filter(Boolean)).toHaveLength(1);
        expect(await stateOf(intent.id)).toBe(stored.postClaimed ? 'POSTING' : 'WITHHELD');
      }
    });
  });
});
