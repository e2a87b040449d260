import { needsLiveConfirmation, placesRealOrders } from './live-mode';

describe('live-mode rules', () => {
  it.each([
    ['paper', true, false, false, false],
    ['paper', false, false, false, false],
    ['live', true, false, false, false],
    ['live', false, false, true, true],
    ['live', false, true, true, false],
  ] as const)('mode=%s dryRun=%s confirmLive=%s: real orders %s, needs confirmation %s', (mode, dryRun, confirmLive, real, needs) => {
    expect(placesRealOrders({ mode, dryRun, confirmLive })).toBe(real);
    expect(needsLiveConfirmation({ mode, dryRun, confirmLive })).toBe(needs);
  });
});
