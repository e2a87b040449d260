import { forEachInTurns } from './event-loop-turns';

describe('forEachInTurns', () => {
  it('visits every item in order, letting other work run between slices', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('other work'));
    await forEachInTurns(['a', 'b', 'c', 'd', 'e'], 2, (item) => seen.push(item));
    // The first slice runs at once; the queued work runs before the second.
    expect(seen).toEqual(['a', 'b', 'other work', 'c', 'd', 'e']);
  });

  it('visits nothing of an empty list', async () => {
    const visit = jest.fn();
    await forEachInTurns([], 3, visit);
    expect(visit).not.toHaveBeenCalled();
  });
});
