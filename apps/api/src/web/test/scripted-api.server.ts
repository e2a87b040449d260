import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type { IntentJson } from '@polybot/intents';
import { buildApprovalPage } from '../approval-page.html';

/** An intent as the real API answers it (the one snake_case shape), minus fields the page never reads. */
export type ScriptedIntent = Omit<IntentJson, 'condition_id' | 'strategy'>;

export interface ScriptedSwitch {
  name: string;
  tripped: boolean;
  tripped_at: string | null;
  value: number | null;
  threshold: number | null;
  reason: string | null;
}

/**
 * The API's HTTP surface as the page uses it, served for real on 127.0.0.1, with state a test
 * scripts: intents, switches, whether `/events` exists. Every route but `GET /` needs the token.
 */
export interface ScriptedApi {
  readonly url: string;
  readonly intents: Map<string, ScriptedIntent>;
  readonly switches: ScriptedSwitch[];
  /** Sends one event to every open stream. */
  emit(event: 'intent' | 'kill-switch', data: unknown): void;
  streamClients(): number;
  /** Ends every open stream, as a restarting API would. */
  endStreams(): void;
  close(): Promise<void>;
}

export async function startScriptedApi(options: { token: string; stream: boolean }): Promise<ScriptedApi> {
  const page = buildApprovalPage();
  const intents = new Map<string, ScriptedIntent>();
  const switches: ScriptedSwitch[] = [];
  const streams = new Set<Response>();
  const app = express();
  app.use(express.json());

  app.get('/', (_req, res) => {
    res.set({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.contentSecurityPolicy }).send(page.html);
  });
  app.use((req, res, next) => {
    if (req.headers.authorization === `Bearer ${options.token}`) return next();
    res.status(401).json({ error: 'this API needs the header "Authorization: Bearer <POLYBOT_API_TOKEN>"' });
  });

  const emit = (event: string, data: unknown): void => {
    for (const res of streams) res.write(`event: ${event}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`);
  };
  const settle = (intent: ScriptedIntent): void => {
    intent.status = 'EXECUTED';
    const at = new Date().toISOString();
    intent.executed_at = at;
    intent.execution = { mode: 'DRY_RUN', status: 'DRY_RUN', order: null, order_id: null, filled_size: 0, avg_price: null, fees: 0, error: null, created_at: at, updated_at: at };
    emit('intent', intent);
  };

  app.get('/events', (_req, res) => {
    if (!options.stream) return void res.status(404).json({ error: 'Cannot GET /events' });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  });
  app.get('/intents', (req, res) => {
    const all = [...intents.values()];
    res.json(req.query.status ? all.filter((intent) => intent.status === req.query.status) : all);
  });
  const decide = (action: 'approve' | 'reject') => (req: Request, res: Response) => {
    const intent = intents.get(String(req.params.id));
    if (!intent) return void res.status(404).json({ error: `no intent ${String(req.params.id)}` });
    if (intent.status !== 'PENDING') {
      return void res.status(409).json({ error: `cannot ${action} intent ${intent.id}: it is ${intent.status}, not PENDING`, status: intent.status });
    }
    intent.status = action === 'approve' ? 'APPROVED' : 'REJECTED';
    intent.decided_at = new Date().toISOString();
    intent.decided_by = 'api';
    intent.status_reason = action === 'reject' ? ((req.body as { reason?: string } | undefined)?.reason ?? null) : null;
    res.json(intent);
    emit('intent', intent);
    if (action === 'approve') setTimeout(() => settle(intent), 300);
  };
  app.post('/intents/:id/approve', decide('approve'));
  app.post('/intents/:id/reject', decide('reject'));
  app.get('/status', (_req, res) => {
    res.json({
      mode: 'live', dry_run: true, places_real_orders: false, equity: 1000, cash: 990, realized_pnl: 0, unrealized_pnl: -1.5,
      positions: [{ token_id: 't1', market_id: 'm1', market: 'Will it <b>rain</b>?', outcome: 'Yes', shares: 10, avg_price: 0.4, mark: 0.385, market_value: 3.85, unrealized_pnl: -0.15, pnl_pct: -3.75 }],
      exposure: { total: { usd: 4, limit_usd: 500 } }, markets: { data_age_seconds: 1.2 }, kill_switches: switches,
    });
  });
  app.post('/kill-switches/:name/clear', (req, res) => {
    const found = switches.find((s) => s.name === req.params.name);
    if (!found?.tripped) return void res.status(409).json({ error: `kill switch ${String(req.params.name)} is not tripped` });
    Object.assign(found, { tripped: false, tripped_at: null, value: null, reason: null });
    res.json(found);
  });

  const server: Server = await new Promise((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    intents,
    switches,
    emit,
    streamClients: () => streams.size,
    endStreams: () => {
      for (const res of streams) res.end();
    },
    close: async () => {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
