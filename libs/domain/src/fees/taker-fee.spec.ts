import type { FeeSchedule } from '../market/market.types';
import { floorFee, takerFee } from './taker-fee';

const SCHEDULE: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true };

describe('takerFee', () => {
  it('100 shares at 0.40, rate 0.07, exponent 1: 100 x 0.07 x (0.40 x 0.60) = 100 x 0.07 x 0.24 = 1.68', () => {
    expect(takerFee(100, 0.4, SCHEDULE)).toBe(1.68);
  });

  it('peaks at 0.50: 100 x 0.07 x 0.25 = 1.75', () => {
    expect(takerFee(100, 0.5, SCHEDULE)).toBe(1.75);
  });

  it('applies the exponent: 100 x 0.07 x 0.24^2 = 100 x 0.07 x 0.0576 = 0.4032', () => {
    expect(takerFee(100, 0.4, { ...SCHEDULE, exponent: 2 })).toBe(0.4032);
  });

  it('floors to 5 decimals: 33.33 x 0.07 x (0.37 x 0.63) = 33.33 x 0.07 = 2.3331; 2.3331 x 0.2331 = 0.54384561 -> 0.54384', () => {
    expect(takerFee(33.33, 0.37, SCHEDULE)).toBe(0.54384);
  });

  it('floors rather than rounds: 1 x 0.07 x 0.0099 = 0.000693 -> 0.00069', () => {
    // price 0.01: 0.01 x 0.99 = 0.0099
    expect(takerFee(1, 0.01, SCHEDULE)).toBe(0.00069);
  });

  it('is 0 with no fee schedule, at price 0 or 1, and for zero shares', () => {
    expect(takerFee(100, 0.4, null)).toBe(0);
    expect(takerFee(100, 1, SCHEDULE)).toBe(0);
    expect(takerFee(100, 0, SCHEDULE)).toBe(0);
    expect(takerFee(0, 0.4, SCHEDULE)).toBe(0);
  });

  it('charges nothing to a maker on a taker-only schedule, and charges a maker when it is not taker-only', () => {
    expect(takerFee(100, 0.4, SCHEDULE, 'MAKER')).toBe(0);
    expect(takerFee(100, 0.4, { ...SCHEDULE, takerOnly: false }, 'MAKER')).toBe(1.68);
  });

  it('refuses bad numbers with a message naming them', () => {
    expect(() => takerFee(-1, 0.4, SCHEDULE)).toThrow('takerFee: shares must be a non-negative number, got -1');
    expect(() => takerFee(100, 1.2, SCHEDULE)).toThrow('takerFee: price must be in [0, 1], got 1.2');
    expect(() => takerFee(100, 0.4, { ...SCHEDULE, rate: Number.NaN })).toThrow('takerFee: fee rate must be a non-negative number, got NaN');
    expect(() => takerFee(100, 0.4, { ...SCHEDULE, exponent: -1 })).toThrow('takerFee: fee exponent must be a non-negative number, got -1');
  });
});

describe('floorFee', () => {
  it('keeps an on-grid value through float noise and floors the rest', () => {
    expect(floorFee(1.6800000000000002)).toBe(1.68);
    expect(floorFee(1.6799999999999999)).toBe(1.68);
    expect(floorFee(0.123459)).toBe(0.12345);
  });
});
