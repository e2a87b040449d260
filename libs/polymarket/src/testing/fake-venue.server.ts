import express, { type Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { VenueCall, VenueCallRecorder } from '../http/venue-call.recorder';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
  /** Epoch ms when the server got it. */
  readonly at: number;
}

export interface FakeVenue {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on port 0 whose routes each test writes; it logs every request it gets. */
export async function startFakeVenue(routes: (app: Express) => void): Promise<FakeVenue> {
  const app = express();
  const requests: ReceivedRequest[] = [];
  app.use(express.json());
  app.use((req, _res, next) => {
    const query: Record<string, string> = {};
    for (const [key, value] of new URL(req.originalUrl, 'http://x').searchParams) query[key] = value;
    requests.push({ method: req.method, path: req.path, query, body: req.body, at: Date.now() });
    next();
  });
  routes(app);
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Keeps every venue call it is told about, for assertions. */
export class MemoryVenueCallRecorder implements VenueCallRecorder {
  readonly calls: VenueCall[] = [];

  record(call: VenueCall): void {
    this.calls.push(call);
  }

  summary(): string[] {
    return this.calls.map((call) => `${call.endpoint} ${call.ok ? 'ok' : 'failed'} ${call.status ?? '-'}`);
  }
}
