import { SpreadAnomalyKillSwitch } from './spread-anomaly.kill-switch';
import { DEFAULT_SPREAD_SMOOTHING, foldSpreadObservation, spreadRatio, tradableSpreads, updateSpreadBaselines, type SpreadBaselineParams, type SpreadBaselines } from './spread-baseline';
import { SETTINGS, baseline, events, inputs, spreadMarket } from './test/kill-switch.fixture';

const PARAMS: SpreadBaselineParams = { smoothing: DEFAULT_SPREAD_SMOOTHING, warmUpObservations: 10, maxSpreadMultiplier: 3 };

describe('tradableSpreads', () => {
  it('keeps two-sided quotes of open, order-book markets accepting orders, each token once', () => {
    const observed = tradableSpreads([
      ...events(spreadMarket('a', 0.02, null), spreadMarket('closed', 0.5, 0.5, { closed: true }), spreadMarket('paused', 0.5, 0.5, { acceptingOrders: false })),
      ...events(spreadMarket('inactive', 0.5, 0.5, { active: false }), spreadMarket('nobook', 0.5, 0.5, { enableOrderBook: false }), spreadMarket('a', 0.03, null)),
    ]);
    expect(observed).toEqual([{ tokenId: 'a-yes', outcome: 'Yes', marketId: 'a', question: 'Will a happen?', spread: 0.03, tickSize: 0.01 }]);
  });
});

describe('spreadRatio', () => {
  it('floors the normal spread at one tick', () => {
    const [observation] = tradableSpreads(events(spreadMarket('a', 0.02, null)));
    expect(spreadRatio(observation, baseline('a-yes', 0.005))).toBe(2);
    expect(spreadRatio(observation, baseline('a-yes', 0))).toBe(2);
    expect(spreadRatio(observation, baseline('a-yes', 0.04))).toBe(0.5);
  });
});

describe('foldSpreadObservation', () => {
  const [observation] = tradableSpreads(events(spreadMarket('a', 0.03, null)));

  it('folds one observation as updateSpreadBaselines does, and refuses a spike', () => {
    const known = baseline('a-yes', 0.02, 10);
    expect(foldSpreadObservation(undefined, observation, PARAMS)).toEqual(updateSpreadBaselines({}, events(spreadMarket('a', 0.03, null)), PARAMS)['a-yes']);
    expect(foldSpreadObservation(known, observation, PARAMS)).toEqual(updateSpreadBaselines({ 'a-yes': known }, events(spreadMarket('a', 0.03, null)), PARAMS)['a-yes']);
    expect(foldSpreadObservation(baseline('a-yes', 0.01, 10), observation, PARAMS)).toBeNull();
  });
});

describe('updateSpreadBaselines', () => {
  const observe = (baselines: SpreadBaselines, spread: number) => updateSpreadBaselines(baselines, events(spreadMarket('a', spread, null)), PARAMS);

  it('starts a baseline at the first observation', () => {
    expect(observe({}, 0.02)).toEqual({ 'a-yes': { tokenId: 'a-yes', marketId: 'a', normalSpread: 0.02, observations: 1 } });
  });

  it('is the plain mean while young, then an EWMA with the smoothing weight', () => {
    expect(observe(observe({}, 0.02), 0.04)['a-yes']).toEqual({ tokenId: 'a-yes', marketId: 'a', normalSpread: expect.closeTo(0.03, 12), observations: 2 });
    // Warmed up: 0.1 x 0.03 + 0.9 x 0.02 = 0.021.
    expect(observe({ 'a-yes': baseline('a-yes', 0.02, 10) }, 0.03)['a-yes']).toEqual({ tokenId: 'a-yes', marketId: 'a', normalSpread: expect.closeTo(0.021, 12), observations: 11 });
  });

  it.each([
    [0.0599, true],
    [0.06, false],
    [0.0601, false],
  ])('spread %p against a normal 0.02 (limit 3x) -> folded in %p', (spread, folded) => {
    const before = { 'a-yes': baseline('a-yes', 0.02, 10) };
    const after = observe(before, spread)['a-yes'];
    expect(after.observations).toBe(folded ? 11 : 10);
    expect(after.normalSpread).toBeCloseTo(folded ? 0.1 * spread + 0.018 : 0.02, 12);
  });

  it('keeps a spike out during the warm-up too, so it never pollutes its own baseline', () => {
    const young = { 'a-yes': baseline('a-yes', 0.02, 3) };
    expect(observe(young, 0.2)).toEqual(young);
  });

  it('leaves the input untouched and keeps tokens it did not see', () => {
    const before = Object.freeze({ 'a-yes': Object.freeze(baseline('a-yes', 0.02)), 'z-yes': Object.freeze(baseline('z-yes', 0.03)) });
    const after = observe(before, 0.03);
    expect(before['a-yes'].observations).toBe(10);
    expect(after['z-yes']).toBe(before['z-yes']);
  });

  it('refuses bad parameters, naming them', () => {
    expect(() => updateSpreadBaselines({}, [], { ...PARAMS, smoothing: 0 })).toThrow('spread baseline: smoothing must be in (0, 1], got 0');
    expect(() => updateSpreadBaselines({}, [], { ...PARAMS, warmUpObservations: 1.5 })).toThrow('spread baseline: warmUpObservations must be an integer >= 1, got 1.5');
    expect(() => updateSpreadBaselines({}, [], { ...PARAMS, maxSpreadMultiplier: Number.NaN })).toThrow('spread baseline: maxSpreadMultiplier must be a number >= 1, got NaN');
  });
});

describe('SpreadAnomalyKillSwitch', () => {
  const rule = new SpreadAnomalyKillSwitch();
  const read = (spread: number, baselines: SpreadBaselines = { 'a-yes': baseline('a-yes', 0.02) }) =>
    rule.evaluate(inputs({ events: events(spreadMarket('a', spread, null)), spreadBaselines: baselines }), SETTINGS);

  it.each([
    [0.0598, false, 2.99, 'SPREAD_ANOMALY: widest spread is 2.99x normal, token a-yes (Yes) of market a "Will a happen?" spread 0.060 vs normal 0.020 (limit 3x)'],
    [0.06, true, 3, 'SPREAD_ANOMALY: token a-yes (Yes) of market a "Will a happen?" spread 0.060 is 3.0x its normal 0.020 (limit 3x)'],
    [0.0602, true, 3.01, 'SPREAD_ANOMALY: token a-yes (Yes) of market a "Will a happen?" spread 0.060 is 3.01x its normal 0.020 (limit 3x)'],
  ])('spread %p against a normal 0.02 -> tripped %p', (spread, tripped, value, reason) => {
    expect(read(spread)).toEqual({ name: 'SPREAD_ANOMALY', tripped, value: expect.closeTo(value, 9), threshold: 3, reason });
  });

  it('cannot trip before the warm-up is done: 9 observations are not enough, 10 are', () => {
    expect(read(0.2, { 'a-yes': baseline('a-yes', 0.02, 9) })).toEqual({
      name: 'SPREAD_ANOMALY',
      tripped: false,
      value: null,
      threshold: 3,
      reason: 'SPREAD_ANOMALY: no token has a warmed-up spread baseline yet (needs 10 observations; limit 3x)',
    });
    expect(read(0.2, { 'a-yes': baseline('a-yes', 0.02, 10) })).toMatchObject({ tripped: true, value: expect.closeTo(10, 9) });
  });

  it('reports the worst token and counts the other anomalies', () => {
    const reading = rule.evaluate(
      inputs({
        events: events(spreadMarket('a', 0.08, 0.02), spreadMarket('b', 0.1, null)),
        spreadBaselines: { 'a-yes': baseline('a-yes', 0.02), 'a-no': baseline('a-no', 0.02), 'b-yes': baseline('b-yes', 0.01) },
      }),
      SETTINGS,
    );
    expect(reading).toEqual({
      name: 'SPREAD_ANOMALY',
      tripped: true,
      value: expect.closeTo(10, 9),
      threshold: 3,
      reason: 'SPREAD_ANOMALY: token b-yes (Yes) of market b "Will b happen?" spread 0.100 is 10.0x its normal 0.010 (limit 3x); 1 more token at or over 3x',
    });
  });

  it('a spike trips the switch, stays out of the baseline, and trips it again next cycle', () => {
    let baselines: SpreadBaselines = {};
    for (let i = 0; i < 10; i += 1) baselines = updateSpreadBaselines(baselines, events(spreadMarket('a', 0.02, null)), PARAMS);
    const spike = events(spreadMarket('a', 0.07, null));
    const first = rule.evaluate(inputs({ events: spike, spreadBaselines: baselines }), SETTINGS);
    baselines = updateSpreadBaselines(baselines, spike, PARAMS);
    const second = rule.evaluate(inputs({ events: spike, spreadBaselines: baselines }), SETTINGS);
    expect(baselines['a-yes']).toEqual({ tokenId: 'a-yes', marketId: 'a', normalSpread: expect.closeTo(0.02, 12), observations: 10 });
    expect([first.tripped, second.tripped]).toEqual([true, true]);
    expect(second.value).toBeCloseTo(3.5, 9);
  });
});
