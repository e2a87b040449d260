import { floorShares, roundToTick } from './round-to-tick';

describe('roundToTick', () => {
  it.each([
    [0.1 + 0.2, 0.01, 'down', 0.3],
    [0.1 + 0.2, 0.01, 'up', 0.3],
    [0.1 + 0.2, 0.01, 'nearest', 0.3],
    [0.7 - 0.1, 0.01, 'down', 0.6], // 0.6 - 1e-16
    [0.7 - 0.1, 0.01, 'up', 0.6],
    [0.301, 0.01, 'down', 0.3],
    [0.301, 0.01, 'up', 0.31],
    [0.304, 0.01, 'nearest', 0.3],
    [0.305, 0.001, 'nearest', 0.305],
    [0.3051, 0.001, 'up', 0.306],
    [0.5551, 0.0001, 'down', 0.5551],
    [0.57, 0.01, 'down', 0.57],
    [0.57, 0.01, 'up', 0.57],
    [0.123, 0.1, 'nearest', 0.1],
    [0.15, 0.1, 'up', 0.2],
    [0, 0.01, 'up', 0],
    [1, 0.01, 'down', 1],
    [0.0049, 0.01, 'down', 0],
    [0.9999, 0.01, 'up', 1],
  ] as const)('%p on tick %p rounded %s -> %p', (price, tick, mode, expected) => {
    expect(roundToTick(price, tick, mode)).toBe(expected);
  });

  it('returns exact grid values (no float noise)', () => {
    for (let cents = 1; cents < 100; cents += 1) {
      expect(roundToTick(cents * 0.01, 0.01, 'nearest')).toBe(Number((cents / 100).toFixed(2)));
    }
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses price %p', (price) => {
    expect(() => roundToTick(price, 0.01, 'down')).toThrow(/roundToTick: price must be a finite number/);
  });

  it.each([0, -0.01, Number.NaN])('refuses tick %p', (tick) => {
    expect(() => roundToTick(0.5, tick, 'down')).toThrow(/roundToTick: tick must be a positive number/);
  });
});

describe('floorShares', () => {
  it.each([
    [500, 500],
    [4.999, 4.99],
    [0.3 / 0.1, 3], // 2.9999999999999996
    [1 / 3, 0.33],
    [0.009, 0],
    [0, 0],
  ])('%p -> %p', (shares, expected) => {
    expect(floorShares(shares)).toBe(expected);
  });
});
