import { PageWindow } from './page-window';

describe('PageWindow', () => {
  const recording = (): { asked: number[]; fetchPage: (page: number) => Promise<string> } => {
    const asked: number[] = [];
    return { asked, fetchPage: (page) => (asked.push(page), Promise.resolve(`page ${page}`)) };
  };

  it('asks for the first page alone, then keeps inFlight pages requested ahead, in order', async () => {
    const { asked, fetchPage } = recording();
    const window = new PageWindow(fetchPage, 3, 100);
    expect(await window.take(0)).toBe('page 0');
    expect(asked).toEqual([0]);
    expect(await window.take(1)).toBe('page 1');
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(await window.take(2)).toBe('page 2');
    expect(asked).toEqual([0, 1, 2, 3, 4]);
  });

  it('never asks past the last page', async () => {
    const { asked, fetchPage } = recording();
    const window = new PageWindow(fetchPage, 4, 3);
    await window.take(0);
    await window.take(1);
    expect(asked).toEqual([0, 1, 2]);
    expect(() => window.take(3)).toThrow('PageWindow: page 3 is past the last page (2)');
  });

  it('refuses a page taken twice and a bad window', async () => {
    const { fetchPage } = recording();
    const window = new PageWindow(fetchPage, 2, 10);
    await window.take(0);
    expect(() => window.take(0)).toThrow('PageWindow: page 0 was already taken or skipped');
    expect(() => new PageWindow(fetchPage, 0, 10)).toThrow('PageWindow inFlight must be a positive integer (got 0)');
  });

  it('hands a failed page to whoever takes it, and settles pages never taken without an unhandled rejection', async () => {
    const window = new PageWindow((page) => (page === 0 ? Promise.resolve('page 0') : Promise.reject(new Error(`page ${page} failed`))), 3, 10);
    await window.take(0);
    await expect(window.take(1)).rejects.toThrow('page 1 failed');
    await expect(window.settle()).resolves.toBeUndefined();
    expect(() => window.take(2)).toThrow('PageWindow: page 2 was already taken or skipped');
  });
});
