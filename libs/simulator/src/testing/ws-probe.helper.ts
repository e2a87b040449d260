import { WebSocket } from 'ws';

/** A websocket client for tests: keeps every message and waits for one that matches. */
export class WsProbe {
  readonly messages: unknown[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // plain text frames such as PONG stay strings
      }
      this.messages.push(parsed);
      this.waiters.forEach((wake) => wake());
    });
  }

  static open(url: string): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new WsProbe(socket)));
      socket.once('error', reject);
    });
  }

  send(message: string | object): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (from `from` on) matching; rejects after `failAfterMs`. */
  waitFor<T = unknown>(match: (message: unknown) => boolean, from = 0, failAfterMs = 5_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(from).find(match);
        if (found === undefined) return false;
        cleanup();
        resolve(found as T);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching websocket message; got ${JSON.stringify(this.messages).slice(0, 500)}`));
      }, failAfterMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
      };
      const wake = (): void => void check();
      if (!check()) this.waiters.push(wake);
    });
  }

  closed(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): Promise<void> {
    const done = this.closed();
    this.socket.close();
    return done;
  }
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as T, headers: res.headers };
}

export function postJson<T = unknown>(url: string, body: unknown, method = 'POST'): Promise<{ status: number; body: T; headers: Headers }> {
  return getJson<T>(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
