export interface StreamedEvent {
  readonly event: string;
  readonly data: unknown;
}

export interface EventStreamClient {
  readonly status: number;
  readonly contentType: string | null;
  /** Resolves with the first event (already received or still to come) that matches. */
  next(match: (event: StreamedEvent) => boolean, timeoutMs?: number): Promise<StreamedEvent>;
  /** Comment lines (`: ...`) seen so far. */
  readonly comments: string[];
  close(): void;
}

/** A server-sent event client over fetch, as the approval page reads the stream (with the header). */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const pump = async (): Promise<void> => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n');
        comments.push(...lines.filter((line) => line.startsWith(':')));
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
        const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
        if (event && data.length === 1) events.push({ event, data: JSON.parse(data[0]) });
        else if (event) events.push({ event, data: { malformed: frame } });
        for (const wake of waiters) wake();
      }
    }
  };
  void pump().catch(() => undefined);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    comments,
    next: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}
