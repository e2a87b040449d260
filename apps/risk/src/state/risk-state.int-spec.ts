import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { createTestDatabase, ExecutionRepository, IntentRepository, KillSwitchRepository, newIntent, type TestDatabase } from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { BroadcastEvent, BroadcastPublisher } from '@polybot/queues';
import { CLOCK, createTestRuntime, testMarket, type TestRuntime } from '@polybot/runtime';
import { waitFor } from '@polybot/testing';
import { ProposeIntentsService } from '../propose-intents.service';
import { RiskModule } from '../risk.module';
import { batchOf } from '../test/signal-batch.fixture';
import { RISK_STATE_MAX_AGE_MS } from './risk-state.freshness';
import { RiskStateService } from './risk-state.service';

/** The state follows a broadcast or its own refresh within a few event-loop turns. */
const eventually = (condition: () => boolean | Promise<boolean>): Promise<boolean> => waitFor(condition, { timeoutMs: 2000, everyMs: 5 });

/** A read of Postgres held back until released: what a slow read racing a write looks like. */
function holdNextCall<T extends object, K extends keyof T>(target: T, method: K): { release: () => void; called: Promise<void> } {
  let release!: () => void;
  let called!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const calledPromise = new Promise<void>((resolve) => (called = resolve));
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  jest.spyOn(target, method as never).mockImplementationOnce((async (...args: unknown[]) => {
    const result = await original(...args);
    called();
    await gate;
    return result;
  }) as never);
  return { release, called: calledPromise };
}

/**
 * Risk's in-memory view against real Postgres and Redis: it may over-count exposure and halt too
 * early, never the other way round. Parts without the broadcast listener come first, so events of
 * other test runs on the same Redis cannot reach them.
 */
describe('risk state (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let state: RiskStateService;
  let propose: ProposeIntentsService;
  let switches: KillSwitchRepository;
  let clockOffset = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('risk', { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'paper' });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, RiskModule) })
      .overrideProvider(CLOCK)
      .useValue(() => Date.now() + clockOffset)
      .compile();
    state = moduleRef.get(RiskStateService);
    propose = moduleRef.get(ProposeIntentsService);
    switches = moduleRef.get(KillSwitchRepository);
  });

  afterAll(async () => {
    await state?.onApplicationShutdown();
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  const storedExposure = async (): Promise<number> => (await moduleRef.get(PortfolioService).view(new Date())).exposure.totalUsd;
  const heldExposure = async (): Promise<number> => (await state.current()).portfolio.exposure.totalUsd;
  const uniqueSwitch = (): string => `TEST_${randomUUID().slice(0, 8)}`;

  describe('from its own writes and reads', () => {
    it('counts each intent it proposes at once: the batch\'s later signals and the next batch see it without a read', async () => {
      await state.refresh();
      const reads = jest.spyOn(moduleRef.get(PortfolioService), 'view');
      const market = testMarket(`m-${randomUUID()}`);
      const created = await propose.handle(batchOf(market, testMarket(`m-${randomUUID()}`)));
      expect(created).toHaveLength(2);
      expect(reads).not.toHaveBeenCalled();
      expect(await heldExposure()).toBeGreaterThanOrEqual(await storedExposure());
      expect(await heldExposure()).toBeGreaterThan(0);
    });

    it('does not lose an intent proposed while a read is under way (the read began before it was stored)', async () => {
      await state.refresh();
      const held = holdNextCall(moduleRef.get(PortfolioService), 'view');
      const reading = state.refresh();
      await held.called;
      const [intent] = await propose.handle(batchOf(testMarket(`m-${randomUUID()}`)));
      expect(intent).toBeDefined();
      held.release();
      await reading;
      // The read lacks the intent; the view must still count it.
      expect(await heldExposure()).toBeGreaterThanOrEqual(await storedExposure());
    });

    it('reads Postgres before deciding once the view is older than its max age', async () => {
      await state.refresh();
      // Written by someone else and never announced: only a read can know.
      const before = await heldExposure();
      await moduleRef.get(IntentRepository).createPending(newIntent({ sizeUsd: 77, createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }), [], { actor: 'test' });
      clockOffset += RISK_STATE_MAX_AGE_MS + 1;
      expect(await heldExposure()).toBeCloseTo(before + 77, 6);
      expect(await heldExposure()).toBeGreaterThanOrEqual(await storedExposure());
    });

    it('keeps a trip stored while a read is under way, and halts the next batch without a read', async () => {
      await state.refresh();
      const name = uniqueSwitch();
      const held = holdNextCall(switches, 'tripped');
      const reading = state.refresh();
      await held.called;
      // What KillSwitchMonitor does when a switch trips.
      await switches.trip(name, 1, 0, 'test', 'test', new Date());
      state.recordTrip(name);
      held.release();
      await reading;
      expect(state.isTripped(name)).toBe(true);
      jest.restoreAllMocks();
      const reads = jest.spyOn(switches, 'tripped');
      const [intent] = await propose.handle(batchOf(testMarket(`m-${randomUUID()}`)));
      expect(intent).toBeUndefined();
      expect(reads).not.toHaveBeenCalled();
      await switches.clear(name, 'test', new Date());
      await state.refresh();
      expect(state.isTripped(name)).toBe(false);
    });

    it('halts the rest of a batch once a switch trips mid-batch', async () => {
      await state.refresh();
      const name = uniqueSwitch();
      const create = moduleRef.get(IntentRepository).createPending.bind(moduleRef.get(IntentRepository));
      jest.spyOn(moduleRef.get(IntentRepository), 'createPending').mockImplementationOnce(async (...args) => {
        const intent = await create(...args);
        // A trip stored while the batch's first intent was being written.
        state.recordTrip(name);
        return intent;
      });
      const created = await propose.handle(batchOf(testMarket(`m-${randomUUID()}`), testMarket(`m-${randomUUID()}`)));
      expect(created).toHaveLength(1);
      // Never stored: the next read drops it.
      await state.refresh();
      expect(state.isTripped(name)).toBe(false);
    });

    it('applies a clear only once a read of Postgres shows it', async () => {
      const name = uniqueSwitch();
      await switches.trip(name, 1, 0, 'test', 'test', new Date());
      await state.refresh();
      expect(state.isTripped(name)).toBe(true);
      await switches.clear(name, 'test', new Date());
      expect(state.isTripped(name)).toBe(true);
      await state.refresh();
      expect(state.isTripped(name)).toBe(false);
    });
  });

  describe('from broadcast events', () => {
    let publisher: BroadcastPublisher;
    const at = () => new Date().toISOString();

    beforeAll(async () => {
      await state.listen();
      publisher = new BroadcastPublisher(test.runtime.settings.redisUrl);
    });
    afterAll(async () => publisher?.close());

    it('counts a trip the moment it is heard, before Postgres is read; the read then confirms or drops it', async () => {
      await state.refresh();
      const name = uniqueSwitch();
      const held = holdNextCall(switches, 'tripped');
      await publisher.publish(BroadcastEvent.KillSwitchTriggered, { name, value: 1, threshold: 0, reason: 'test', actor: 'other', at: at() });
      await eventually(() => state.isTripped(name));
      // Heard, and the read it started has not answered yet.
      await held.called;
      expect(state.isTripped(name)).toBe(true);
      held.release();
      // Postgres never stored this trip (as if another system on this Redis sent it): dropped.
      await eventually(() => !state.isTripped(name));
    });

    it('does not apply a heard clear that Postgres does not show, and applies one it does', async () => {
      const name = uniqueSwitch();
      const cleared = { name, value: 1, threshold: 0, reason: 'test', actor: 'other', at: at() };
      await switches.trip(name, 1, 0, 'test', 'test', new Date());
      await state.refresh();
      await publisher.publish(BroadcastEvent.KillSwitchCleared, cleared);
      // Events arrive in order: once this one is heard, the clear before it was heard too.
      const sentinel = uniqueSwitch();
      await switches.trip(sentinel, 1, 0, 'test', 'test', new Date());
      await publisher.publish(BroadcastEvent.KillSwitchTriggered, { ...cleared, name: sentinel });
      await eventually(() => state.isTripped(sentinel));
      expect(state.isTripped(name)).toBe(true);
      await state.refresh();
      expect(state.isTripped(name)).toBe(true);

      await switches.clear(name, 'test', new Date());
      await publisher.publish(BroadcastEvent.KillSwitchCleared, cleared);
      await eventually(() => !state.isTripped(name));
    });

    it('reads Postgres as soon as it hears of an execution, so orders in the last hour are fresh before the next decision', async () => {
      await state.refresh();
      const ordersBefore = state.currentPortfolio()!.state.ordersLastHour;
      const intent = await moduleRef.get(IntentRepository).createPending(newIntent({ createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }), [], { actor: 'test' });
      await moduleRef.get(ExecutionRepository).recordOutcome({ intentId: intent!.id, mode: 'DRY_RUN', status: 'DRY_RUN', orderRequest: { intentId: intent!.id } });
      const reads = jest.spyOn(moduleRef.get(PortfolioService), 'view');
      await publisher.publish(BroadcastEvent.IntentExecuted, { intentId: intent!.id, status: 'EXECUTED', actor: 'executor', at: at() });
      // No decision asks for it (current() is not called): the event alone makes the read.
      await eventually(() => state.currentPortfolio()!.state.ordersLastHour === ordersBefore + 1);
      expect(reads).toHaveBeenCalled();
    });

    it('makes every decision after an execution is heard wait for a read that includes it, not only the first', async () => {
      await state.refresh();
      const ordersBefore = state.currentPortfolio()!.state.ordersLastHour;
      const held = holdNextCall(moduleRef.get(PortfolioService), 'view');
      const intent = await moduleRef.get(IntentRepository).createPending(newIntent({ createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }), [], { actor: 'test' });
      await moduleRef.get(ExecutionRepository).recordOutcome({ intentId: intent!.id, mode: 'DRY_RUN', status: 'DRY_RUN', orderRequest: { intentId: intent!.id } });
      await publisher.publish(BroadcastEvent.IntentExecuted, { intentId: intent!.id, status: 'EXECUTED', actor: 'executor', at: at() });
      // Events arrive in order: once this trip is heard, the execution before it was heard too.
      const sentinel = uniqueSwitch();
      await publisher.publish(BroadcastEvent.KillSwitchTriggered, { name: sentinel, value: 1, threshold: 0, reason: 'test', actor: 'other', at: at() });
      await eventually(() => state.isTripped(sentinel));
      // Two signals decided while the read is held: neither may use the view from before the execution.
      const deciding = [state.current(), state.current()];
      await new Promise((resolve) => setTimeout(resolve, 20));
      held.release();
      expect((await Promise.all(deciding)).map((s) => s.portfolio.state.ordersLastHour)).toEqual([ordersBefore + 1, ordersBefore + 1]);
    });

    it('reads Postgres before the next decision when another process proposed an intent', async () => {
      await state.refresh();
      const before = await heldExposure();
      const intent = await moduleRef.get(IntentRepository).createPending(newIntent({ sizeUsd: 33, createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }), [], { actor: 'other-risk' });
      await publisher.publish(BroadcastEvent.IntentProposed, { intentId: intent!.id, status: 'PENDING', actor: 'risk', at: at() });
      await eventually(async () => (await heldExposure()) >= before + 33);
      expect(await heldExposure()).toBeGreaterThanOrEqual(await storedExposure());
    });
  });
});
