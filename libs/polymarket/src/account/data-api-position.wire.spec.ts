import { parseDataApiPositions } from './data-api-position.wire';

describe('parseDataApiPositions', () => {
  it('reads rows and reports a malformed one by index and field', () => {
    const { positions, issues } = parseDataApiPositions([
      { asset: 'tok', conditionId: '0xc', size: 12.5, avgPrice: 0.42, outcome: 'Yes', outcomeIndex: 0, currentValue: 6, redeemable: false, negativeRisk: true },
      { asset: 'tok2', conditionId: '0xd', size: 'lots', avgPrice: 0.1 },
    ]);
    expect(positions).toEqual([{ tokenId: 'tok', conditionId: '0xc', outcome: 'Yes', outcomeIndex: 0, size: 12.5, avgPrice: 0.42, currentValue: 6, redeemable: false, negativeRisk: true }]);
    expect(issues).toEqual([expect.stringMatching(/^GET \/positions row 1: size/)]);
    expect(parseDataApiPositions({}).issues).toEqual(['GET /positions: body is not an array']);
  });
});
