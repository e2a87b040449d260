import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedOrder {
  readonly seq: number;
  readonly receivedAt: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Headers that are secrets even inside a test double. */
const REDACTED_HEADERS = new Set(['poly_passphrase', 'authorization', 'cookie']);

/** Every order post, so a test can prove a dry run sent nothing. */
export class OrderRecorder {
  private orders: RecordedOrder[] = [];

  record(method: string, path: string, headers: IncomingHttpHeaders, body: unknown): RecordedOrder {
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      flat[name] = REDACTED_HEADERS.has(name.toLowerCase()) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
    }
    const order: RecordedOrder = { seq: this.orders.length + 1, receivedAt: new Date().toISOString(), method, path, headers: flat, body };
    this.orders.push(order);
    return order;
  }

  list(): RecordedOrder[] {
    return [...this.orders];
  }

  clear(): void {
    this.orders = [];
  }
}
