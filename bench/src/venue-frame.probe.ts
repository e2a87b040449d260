import WebSocket from 'ws';
import { epochNow } from './bench-clock';

/**
 * The bench's own subscriber on the simulator's market channel: when the venue's frame for a moved
 * token reached a process with nothing else to do. It splits a price change's time into the
 * venue's part (the simulator's request, its move and push) and ours (the ingestor onwards).
 */
export class VenueFrameProbe {
  private readonly heard = new Map<string, number[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const at = epochNow();
      const text = data.toString();
      if (!text.startsWith('{')) return;
      const event = JSON.parse(text) as { event_type?: string; price_changes?: { asset_id: string }[] };
      if (event.event_type !== 'price_change') return;
      for (const change of event.price_changes ?? []) {
        const times = this.heard.get(change.asset_id) ?? [];
        times.push(at);
        this.heard.set(change.asset_id, times);
      }
    });
  }

  static async open(marketChannelUrl: string, tokens: readonly string[]): Promise<VenueFrameProbe> {
    const socket = new WebSocket(marketChannelUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'market', assets_ids: tokens, initial_dump: false }));
    return new VenueFrameProbe(socket);
  }

  /** The first price_change for the token heard at or after `after` (epoch ms), if any. */
  firstAfter(token: string, after: number): number | undefined {
    return this.heard.get(token)?.find((at) => at >= after);
  }

  close(): void {
    this.socket.close();
  }
}
