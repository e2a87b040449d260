import { PRICE_EPSILON, formatDecimal, formatEdge, formatProb, isTradablePrice, meetsEdgeThreshold } from './edge';

describe('meetsEdgeThreshold', () => {
  it('counts an edge at the threshold despite float error', () => {
    expect(0.5 - 0.45).toBeLessThan(0.05);
    expect(meetsEdgeThreshold(0.5 - 0.45, 0.05)).toBe(true);
  });
  it('refuses an edge a hair below the threshold (more than float noise)', () => {
    expect(meetsEdgeThreshold(0.05 - 2 * PRICE_EPSILON, 0.05)).toBe(false);
    expect(meetsEdgeThreshold(0.049, 0.05)).toBe(false);
    expect(meetsEdgeThreshold(0.051, 0.05)).toBe(true);
  });
  it('refuses NaN', () => {
    expect(meetsEdgeThreshold(Number.NaN, 0.05)).toBe(false);
    expect(meetsEdgeThreshold(0.1, Number.NaN)).toBe(false);
  });
});

describe('isTradablePrice', () => {
  it.each([
    [0.5, true],
    [0.001, true],
    [0.999, true],
    [0, false],
    [1, false],
    [-0.1, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [null, false],
    [undefined, false],
  ])('%p -> %p', (price, tradable) => {
    expect(isTradablePrice(price)).toBe(tradable);
  });
});

describe('formatting', () => {
  it('rounds half away from zero after dropping float noise', () => {
    expect(formatProb(0.3125 - 0.26)).toBe('0.053');
    expect(formatProb(0.0525)).toBe('0.053');
    expect(formatProb(0.5)).toBe('0.500');
    expect(formatDecimal(1.005, 2)).toBe('1.01');
    expect(formatDecimal(-1.005, 2)).toBe('-1.01');
  });
  it('signs edges', () => {
    expect(formatEdge(0.09)).toBe('+0.090');
    expect(formatEdge(-0.01)).toBe('-0.010');
    expect(formatEdge(0)).toBe('+0.000');
  });
});
