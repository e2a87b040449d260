import { Router } from 'express';
import { z } from 'zod';
import { faultSpecSchema } from '../faults/fault.registry';
import type { SimulatorControls } from '../simulator.controls';
import { UnknownTokenError } from '../scenarios/unknown-token.error';
import { BadRequestError } from './bad-request.error';

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BadRequestError(`invalid ${what}: ${issues}`);
  }
  return result.data;
}

/** Turns a thrown scenario error (bad index, bad price) into a 400 naming it; an UnknownTokenError is a 404. */
function attempt<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw new BadRequestError(err instanceof Error ? err.message : String(err), err instanceof UnknownTokenError ? 404 : 400);
  }
}

/** JSON admin endpoints under /_sim, so tests running services as separate processes can script the venue. */
export function adminRouter(sim: SimulatorControls): Router {
  const router = Router();

  router.post('/scenario/mispricing', (req, res) => {
    const body = parse(z.object({ eventId: z.string().min(1).optional() }).strict(), req.body, 'mispricing scenario');
    res.json(attempt(() => sim.injectMispricing(body)));
  });

  router.get('/faults', (_req, res) => void res.json(sim.faults()));
  router.post('/faults', (req, res) => {
    const spec = parse(faultSpecSchema, req.body, 'fault');
    res.status(201).json(sim.addFault(spec));
  });
  router.delete('/faults', (_req, res) => void res.json({ cleared: sim.clearFaults() }));

  router.post('/stale-books', (req, res) => {
    const { on } = parse(z.object({ on: z.boolean() }).strict(), req.body, 'stale-books');
    sim.staleBooks(on);
    res.json({ stale: on });
  });

  router.post('/spread-spike', (req, res) => {
    const body = parse(z.object({ tokenId: z.string().min(1), factor: z.number().positive() }).strict(), req.body, 'spread-spike');
    res.json(attempt(() => sim.spreadSpike(body.tokenId, body.factor)));
  });

  router.post('/resolve', (req, res) => {
    const body = parse(
      z.object({ conditionId: z.string().min(1), winningOutcomeIndex: z.number().int().min(0).max(1) }).strict(),
      req.body,
      'resolve',
    );
    res.json(attempt(() => sim.resolveMarket(body.conditionId, body.winningOutcomeIndex)));
  });

  router.post('/scenario/price', (req, res) => {
    const body = parse(z.object({ token_id: z.string().min(1), mid: z.number().gt(0).lt(1) }).strict(), req.body, 'price scenario');
    res.json(attempt(() => sim.setPrice(body.token_id, body.mid)));
  });

  router.post('/tick', (req, res) => {
    const { steps } = parse(z.object({ steps: z.number().int().min(1).max(1_000).optional() }).strict(), req.body, 'tick');
    for (let i = 0; i < (steps ?? 1); i++) sim.tick();
    res.json({ ticked: steps ?? 1 });
  });

  router.post('/ws/disconnect', (_req, res) => void res.json({ disconnected: sim.disconnectWebsockets() }));
  router.post('/ws/lose-book-changes', (req, res) => {
    const { count } = parse(z.object({ count: z.number().int().min(0).max(1_000_000) }).strict(), req.body, 'lose-book-changes');
    sim.loseStreamBookChanges(count);
    res.json({ losing: count });
  });

  router.get('/orders', (_req, res) => void res.json(sim.orders()));
  router.get('/exchange-orders', (_req, res) => void res.json(sim.exchangeOrders()));
  router.get('/trades', (_req, res) => void res.json(sim.trades()));
  router.get('/transactions', (_req, res) => void res.json(sim.transactions()));
  router.post('/accounts', (req, res) => {
    const body = parse(
      z.object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x address'), balance_usd: z.number().min(0) }).strict(),
      req.body,
      'account',
    );
    sim.setBalance(body.address, body.balance_usd);
    res.json({ address: body.address.toLowerCase(), balance_usd: sim.balance(body.address) });
  });
  router.get('/accounts/:address', (req, res) => {
    const address = String(req.params.address);
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new BadRequestError(`address must be a 0x address, got "${address}"`);
    res.json({ address: address.toLowerCase(), balance_usd: sim.balance(address), api_key: sim.apiCredentials(address).apiKey });
  });
  router.get('/state', (_req, res) => void res.json(sim.state()));
  router.get('/requests', (_req, res) => void res.json(sim.requests()));
  router.delete('/requests', (_req, res) => {
    sim.resetRequests();
    res.json({ reset: true });
  });
  router.post('/reset', (_req, res) => {
    sim.reset();
    res.json(sim.state());
  });

  return router;
}
