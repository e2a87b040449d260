import { detectForecastFormat } from './forecast-format';
import { parseForecasts } from './forecast-parser';

describe('parseForecasts: CSV', () => {
  it('reads token and condition forecasts, skipping comments and blank lines', () => {
    const csv = ['# my model, run 7', 'token_id,condition_id,probability', '111,,0.62', '', '  # a comment', ',0xabc,0.3', '222,,1', '333,,0'].join('\n');
    expect(parseForecasts(csv, 'csv')).toEqual({
      forecasts: [
        { tokenId: '111', probability: 0.62 },
        { conditionId: '0xabc', probability: 0.3 },
        { tokenId: '222', probability: 1 },
        { tokenId: '333', probability: 0 },
      ],
      errors: [],
    });
  });

  it('takes the header in any order and case, with extra columns, CRLF, BOM and quotes', () => {
    const csv = '\uFEFFProbability,note,Token_ID\r\n"0.25",hello,"444"\r\n0.5,x, 555 \r\n';
    expect(parseForecasts(csv, 'csv')).toEqual({
      forecasts: [
        { tokenId: '444', probability: 0.25 },
        { tokenId: '555', probability: 0.5 },
      ],
      errors: [],
    });
  });

  it('reports each bad row by its file line and keeps the good ones', () => {
    const csv = [
      'token_id,condition_id,probability', // 1
      '111,,0.6', // 2
      ',,0.5', // 3
      '222,0xabc,0.5', // 4
      '333,,abc', // 5
      '444,,1.2', // 6
      '555,,-0.1', // 7
      '666,,', // 8
      '777', // 9
      '111,,0.7', // 10
      '888,,0.4', // 11
    ].join('\n');
    const { forecasts, errors } = parseForecasts(csv, 'csv');
    expect(forecasts).toEqual([
      { tokenId: '111', probability: 0.6 },
      { tokenId: '888', probability: 0.4 },
    ]);
    expect(errors).toEqual([
      { line: 3, message: 'needs a token_id or a condition_id' },
      { line: 4, message: 'has both token_id and condition_id; give exactly one' },
      { line: 5, message: 'probability "abc" is not a number' },
      { line: 6, message: 'probability 1.2 is outside [0, 1]' },
      { line: 7, message: 'probability -0.1 is outside [0, 1]' },
      { line: 8, message: 'probability is missing' },
      { line: 9, message: 'probability is missing' },
      { line: 10, message: 'duplicate forecast for token_id 111 (first on line 2); ignored' },
    ]);
  });

  it('rejects NaN and Infinity spelled out', () => {
    const { errors } = parseForecasts('token_id,probability\n1,NaN\n2,Infinity', 'csv');
    expect(errors).toEqual([
      { line: 2, message: 'probability "NaN" is not a number' },
      { line: 3, message: 'probability "Infinity" is not a number' },
    ]);
  });

  it('works with only one id column', () => {
    expect(parseForecasts('condition_id,probability\n0xabc,0.1', 'csv').forecasts).toEqual([{ conditionId: '0xabc', probability: 0.1 }]);
  });

  it('refuses a header without probability or without any id column, naming the line', () => {
    expect(parseForecasts('# c\ntoken_id,prob\n1,0.5', 'csv')).toEqual({
      forecasts: [],
      errors: [{ line: 2, message: 'header must name probability and token_id or condition_id; got "token_id,prob"' }],
    });
    expect(parseForecasts('market,probability\n1,0.5', 'csv').errors[0]!.line).toBe(1);
  });

  it('calls an empty file an error rather than silently having no forecasts', () => {
    expect(parseForecasts('\n# nothing\n', 'csv')).toEqual({
      forecasts: [],
      errors: [{ line: 0, message: 'CSV forecasts are empty: expected a header row token_id,condition_id,probability' }],
    });
  });

  it('accepts a header with no data rows', () => {
    expect(parseForecasts('token_id,condition_id,probability\n', 'csv')).toEqual({ forecasts: [], errors: [] });
  });
});

describe('parseForecasts: JSON', () => {
  it('reads token and condition forecasts, ignoring extra fields', () => {
    const json = JSON.stringify([
      { token_id: '111', probability: 0.62, note: 'x' },
      { condition_id: '0xabc', probability: '0.3' },
      { token_id: '222', condition_id: null, probability: 0 },
    ]);
    expect(parseForecasts(json, 'json')).toEqual({
      forecasts: [
        { tokenId: '111', probability: 0.62 },
        { conditionId: '0xabc', probability: 0.3 },
        { tokenId: '222', probability: 0 },
      ],
      errors: [],
    });
  });

  it('reports bad elements by their 1-based index and keeps the good ones', () => {
    const json = `[
      {"token_id": "111", "probability": 0.5},
      {"probability": 0.5},
      {"token_id": "1", "condition_id": "0xabc", "probability": 0.5},
      {"token_id": 123456789012345678901234567890, "probability": 0.5},
      {"token_id": "333", "probability": 2},
      {"token_id": "444", "probability": true},
      {"token_id": "555"},
      "555",
      null,
      [1, 2],
      {"token_id": ["x"], "probability": 0.5},
      {"condition_id": "0xdef", "probability": 1}
    ]`;
    const { forecasts, errors } = parseForecasts(json, 'json');
    expect(forecasts).toEqual([
      { tokenId: '111', probability: 0.5 },
      { conditionId: '0xdef', probability: 1 },
    ]);
    expect(errors).toEqual([
      { line: 2, message: 'needs a token_id or a condition_id' },
      { line: 3, message: 'has both token_id and condition_id; give exactly one' },
      { line: 4, message: 'token_id must be a string (a JSON number loses the digits of a long id)' },
      { line: 5, message: 'probability 2 is outside [0, 1]' },
      { line: 6, message: 'probability true is not a number' },
      { line: 7, message: 'probability is missing' },
      { line: 8, message: 'element is not an object' },
      { line: 9, message: 'element is not an object' },
      { line: 10, message: 'element is not an object' },
      { line: 11, message: 'token_id must be a string, got object' },
    ]);
  });

  it('reports a duplicate id and keeps the first', () => {
    const json = JSON.stringify([
      { condition_id: '0xabc', probability: 0.4 },
      { condition_id: '0xabc', probability: 0.6 },
    ]);
    expect(parseForecasts(json, 'json')).toEqual({
      forecasts: [{ conditionId: '0xabc', probability: 0.4 }],
      errors: [{ line: 2, message: 'duplicate forecast for condition_id 0xabc (first on line 1); ignored' }],
    });
  });

  it('refuses text that is not JSON, or JSON that is not an array, as a whole-file error (line 0)', () => {
    const broken = parseForecasts('[{"token_id": ', 'json');
    expect(broken.forecasts).toEqual([]);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]!.line).toBe(0);
    expect(broken.errors[0]!.message).toMatch(/^not valid JSON: /);
    expect(parseForecasts('{"token_id": "1", "probability": 0.5}', 'json')).toEqual({
      forecasts: [],
      errors: [{ line: 0, message: 'JSON forecasts must be an array of objects' }],
    });
    expect(parseForecasts('[]', 'json')).toEqual({ forecasts: [], errors: [] });
  });
});

describe('detectForecastFormat', () => {
  it.each([
    ['forecasts.json', 'token_id,probability', 'json'],
    ['/data/FORECASTS.CSV', '[{}]', 'csv'],
    ['https://example.com/feed.json?key=1#top', '', 'json'],
    ['https://example.com/feed.csv?v=2', '', 'csv'],
    ['https://example.com/feed', '  \n [{"token_id":"1","probability":0.5}]', 'json'],
    ['feed.txt', '\uFEFF{"a":1}', 'json'],
    ['feed', 'token_id,probability\n1,0.5', 'csv'],
    ['feed', '', 'csv'],
  ] as const)('%s with %j -> %s', (pathOrUrl, content, format) => {
    expect(detectForecastFormat(pathOrUrl, content)).toBe(format);
  });
});
