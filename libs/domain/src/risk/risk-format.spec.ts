import { usd } from './risk-format';

describe('usd', () => {
  it.each([
    [150, '$150.00'],
    [0, '$0.00'],
    [1.005, '$1.01'],
    [199.9998, '$200.00'],
    [-5, '-$5.00'],
    [-0.001, '$0.00'],
    [10000, '$10000.00'],
    [Number.NaN, '$NaN'],
  ])('%p -> %s', (value, text) => {
    expect(usd(value)).toBe(text);
  });
});
