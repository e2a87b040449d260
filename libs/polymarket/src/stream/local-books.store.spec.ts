import type { OrderBook } from '@polybot/domain';
import { compactBook } from '../book/compact-book';
import { LocalBooks } from './local-books.store';

const seeded: OrderBook = {
  tokenId: 'A1',
  conditionId: '0xc1',
  bids: [{ price: 0.5, size: 200 }],
  asks: [{ price: 0.52, size: 150 }],
  tickSize: 0,
  minOrderSize: 0,
  negRisk: false,
  timestamp: 1_000,
};
const all = (assetId: string): string => assetId;
const none = (): undefined => undefined;

describe('LocalBooks', () => {
  it('seeds from a book event, applies price changes and tick size changes, and records when each token was heard', () => {
    const books = new LocalBooks();
    expect(books.apply({ kind: 'book', book: seeded }, 10, all)).toEqual({ changed: ['A1'], resync: [], issues: [] });
    const changes = [
      { assetId: 'A1', side: 'BUY' as const, price: 0.51, size: 5, hash: '0xa' },
      { assetId: 'A1', side: 'SELL' as const, price: 0.52, size: 0, hash: '0xb' },
    ];
    expect(books.apply({ kind: 'price_change', conditionId: '0xc1', timestamp: 2_000, changes }, 20, all).changed).toEqual(['A1']);
    expect(books.apply({ kind: 'tick_size_change', assetId: 'A1', conditionId: '0xc1', newTickSize: 0.001, timestamp: 3_000 }, 30, all).changed).toEqual(['A1']);
    // The compact book keeps what quotes need: not the condition id or the hash.
    expect(books.book('A1')).toEqual({ ...seeded, conditionId: '', bids: [{ price: 0.51, size: 5 }, { price: 0.5, size: 200 }], asks: [], tickSize: 0.001, timestamp: 3_000 });
    expect(books.lastMessageAt('A1')).toBe(30);
  });

  it('drops a book a change would cross and asks for a fresh snapshot', () => {
    const books = new LocalBooks();
    books.apply({ kind: 'book', book: seeded }, 10, all);
    const applied = books.apply(
      { kind: 'price_change', conditionId: '0xc1', timestamp: 2_000, changes: [{ assetId: 'A1', side: 'BUY', price: 0.6, size: 1, hash: null }] },
      20,
      all,
    );
    expect(applied).toEqual({
      changed: [],
      resync: ['A1'],
      issues: ['book A1: crossed after the update (best bid 0.6 >= best ask 0.52); dropped the local book and asked for a fresh one'],
    });
    expect(books.book('A1')).toBeUndefined();
  });

  it('asks for a snapshot when a change arrives before any book, and ignores tokens it does not follow', () => {
    const books = new LocalBooks();
    const change = { kind: 'price_change' as const, conditionId: '0xc1', timestamp: 2_000, changes: [{ assetId: 'A9', side: 'BUY' as const, price: 0.4, size: 1, hash: null }] };
    expect(books.apply(change, 20, all).resync).toEqual(['A9']);
    expect(books.apply(change, 20, none)).toEqual({ changed: [], resync: [], issues: [] });
    expect(books.apply({ kind: 'book', book: seeded }, 10, none).changed).toEqual([]);
    expect(books.size).toBe(0);
  });

  it('remembers a resolution and reports the followed tokens of the market as changed', () => {
    const books = new LocalBooks();
    const resolution = { conditionId: '0xc1', assetIds: ['A1', 'A2'], winningAssetId: 'A2', winningOutcome: 'No', timestamp: 5_000 };
    expect(books.apply({ kind: 'market_resolved', resolution }, 50, (id) => (id === 'A1' ? id : undefined)).changed).toEqual(['A1']);
    expect(books.resolution('0xc1')).toEqual(resolution);
  });

  it('reports and stores a token under the id its subscriber gives', () => {
    const books = new LocalBooks();
    const subscribed = (id: string): string | undefined => (id === 'a1' ? 'A1' : undefined);
    expect(books.apply({ kind: 'book', book: { ...seeded, tokenId: 'a1' } }, 10, subscribed).changed).toEqual(['A1']);
    expect(books.compactBook('A1')).toBeInstanceOf(Float64Array);
    expect(books.lastMessageAt('A1')).toBe(10);
  });

  it('on a full re-sync takes a REST book at least as new as its own, telling a correction from a match, and keeps a newer one of its own', () => {
    const books = new LocalBooks();
    books.apply({ kind: 'book', book: seeded }, 10, all);
    // The venue's book moved while a change was lost: the REST read, newer, replaces the drifted book.
    const venue = compactBook({ ...seeded, bids: [{ price: 0.49, size: 200 }], timestamp: 1_500 });
    expect(books.resync('A1', venue)).toEqual({ book: venue, outcome: 'corrected' });
    expect(books.compactBook('A1')).toBe(venue);
    expect(books.lastMessageAt('A1')).toBe(10);
    // Later deltas build on the corrected book.
    books.apply({ kind: 'price_change', conditionId: '0xc1', timestamp: 2_000, changes: [{ assetId: 'A1', side: 'BUY', price: 0.495, size: 7, hash: null }] }, 20, all);
    expect(books.book('A1')?.bids).toEqual([{ price: 0.495, size: 7 }, { price: 0.49, size: 200 }]);
    // Same levels, a newer read: taken (it is the newer statement), a match.
    const same = compactBook({ ...seeded, bids: [{ price: 0.495, size: 7 }, { price: 0.49, size: 200 }], timestamp: 2_500 });
    expect(books.resync('A1', same)).toEqual({ book: same, outcome: 'matched' });
    // A read older than the stream's last change is kept out.
    const stale = compactBook({ ...seeded, timestamp: 2_400 });
    expect(books.resync('A1', stale)).toEqual({ book: same, outcome: 'newer_locally' });
    expect(books.resync('A9', stale)).toEqual({ book: stale, outcome: 'not_held' });
    expect(books.size).toBe(1);
  });

  it('forgets tokens no longer followed', () => {
    const books = new LocalBooks();
    books.apply({ kind: 'book', book: seeded }, 10, all);
    books.forget(['A1']);
    expect(books.book('A1')).toBeUndefined();
    expect(books.lastMessageAt('A1')).toBeUndefined();
  });
});
