import { buildLedger, takerFee, type Fill } from '@polybot/domain';
import { FillRepository, IntentRepository, MarketRepository } from '@polybot/persistence';
import { runCli, waitFor } from './support/processes';
import { injectMispricing, pendingIntentFor, startStack, type IntentBody, type Stack } from './support/stack';

const LOOP_SECONDS = 2;
const BANKROLL = 10_000;

/**
 * Paper trading as a user runs it: a mispricing is bought, the price rises past the take-profit,
 * the exit is proposed and approved, and the realized P&L is what a person computes by hand.
 */
describe('paper trading end to end (simulator + services as processes)', () => {
  let stack: Stack;
  let tokenId: string;

  beforeAll(async () => {
    stack = await startStack({
      mode: '--paper',
      simulator: { seed: 11, events: 10, tickMs: 500 },
      env: { POLYBOT_LOOP_INTERVAL_SECONDS: String(LOOP_SECONDS), POLYBOT_INTENT_EXPIRY_SECONDS: '120', POLYBOT_PAPER_BANKROLL: String(BANKROLL) },
      prepare: async (sim) => {
        tokenId = await injectMispricing(sim.url);
      },
    });
  }, 60_000);

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  }, 60_000);

  const intentById = async (id: string) => (await stack.getJson<IntentBody>(`/intents/${id}`)).body;

  it('buys the mispricing, proposes the take-profit exit, and realizes the hand-computed P&L', async () => {
    // 1. The mispricing is proposed, approved through the CLI, and filled on paper at the ask.
    const open = await pendingIntentFor(stack, tokenId);
    expect(open.price).toBe(0.41);
    const approved = await runCli(['intents', 'approve', open.id], stack.env);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    const bought = await waitFor('the buy to fill', async () => {
      const intent = await intentById(open.id);
      return intent.status === 'EXECUTED' ? intent : undefined;
    }, 20_000, stack.services.output);
    expect(bought.execution).toMatchObject({ mode: 'PAPER', status: 'FILLED', filled_size: 487.8, avg_price: 0.41 });

    // 2. The price rises: best bid 0.49 is a 19.5% gain on 0.41, past the 10% take-profit.
    const moved = await fetch(`${stack.sim.url}/_sim/scenario/price`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token_id: tokenId, mid: 0.5 }),
    });
    expect(moved.status).toBe(200);
    const exit = await pendingIntentFor(stack, tokenId, 'CLOSE_POSITION');
    expect(exit).toMatchObject({ side: 'SELL', price: 0.49, reason: 'Take-profit: PnL 19.5% >= target 10%' });

    // 3. Approved through the API, it sells the whole position at the bid.
    const approveExit = await fetch(`${stack.api}/intents/${exit.id}/approve`, { method: 'POST' });
    expect(approveExit.status).toBe(200);
    const sold = await waitFor('the sale to fill', async () => {
      const intent = await intentById(exit.id);
      return intent.status === 'EXECUTED' ? intent : undefined;
    }, 20_000, stack.services.output);
    expect(sold.execution).toMatchObject({ mode: 'PAPER', status: 'FILLED', filled_size: 487.8, avg_price: 0.49 });

    // 4. By hand: 487.80 shares bought at 0.41 and sold at 0.49, each leg paying the market's taker
    //    fee 0.02 x p(1-p) per share (floored to 5 decimals).
    const market = await new MarketRepository(stack.db.dataSource).findById((await new IntentRepository(stack.db.dataSource).findById(open.id))!.marketId);
    expect(market?.feeSchedule).toEqual({ rate: 0.02, exponent: 1, takerOnly: true });
    const buyFee = takerFee(487.8, 0.41, market!.feeSchedule); // 487.8 x 0.02 x 0.41 x 0.59 = 2.3599764 -> 2.35997
    const sellFee = takerFee(487.8, 0.49, market!.feeSchedule); // 487.8 x 0.02 x 0.49 x 0.51 = 2.4380244 -> 2.43802
    expect(buyFee).toBe(2.35997);
    expect(sellFee).toBe(2.43802);
    const expectedRealized = 34.22601; // (0.49 - 0.41) x 487.8 - 2.35997 - 2.43802 = 39.024 - 4.79799
    expect((0.49 - 0.41) * 487.8 - buyFee - sellFee).toBeCloseTo(expectedRealized, 9);

    const fills: Fill[] = await new FillRepository(stack.db.dataSource).all('PAPER');
    expect(fills.map((f) => [f.side, f.price, f.shares, f.feeUsd])).toEqual([
      ['BUY', 0.41, 487.8, buyFee],
      ['SELL', 0.49, 487.8, sellFee],
    ]);
    const ledger = buildLedger(BANKROLL, fills);
    expect(ledger.positions).toEqual([]);
    expect(ledger.realizedPnlUsd).toBeCloseTo(expectedRealized, 5);
    expect(ledger.cash).toBeCloseTo(BANKROLL + expectedRealized, 5);

    // 5. The report and the status a person reads say the same.
    const report = await runCli(['report', '--today', '--json-output'], stack.env);
    expect(report.code).toBe(0);
    const reported = JSON.parse(report.stdout) as { realized_pnl: number; unrealized_pnl: number };
    expect(reported.realized_pnl).toBeCloseTo(expectedRealized, 5);
    expect(reported.unrealized_pnl).toBe(0);
    const status = await runCli(['status', '--json-output'], stack.env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ mode: 'paper', positions: [] });
    expect(JSON.parse(status.stdout).realized_pnl).toBeCloseTo(expectedRealized, 5);

    // Paper trading never sends an order to the venue.
    expect((await (await fetch(`${stack.sim.url}/_sim/orders`)).json()) as unknown[]).toEqual([]);
  }, 150_000);
});
