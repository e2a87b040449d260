import { parseKeysetPage } from './gamma-keyset-page.wire';

describe('parseKeysetPage', () => {
  it('reads the markets and the cursor of the next page', () => {
    expect(parseKeysetPage({ markets: [{ id: '1' }], next_cursor: 'MTA' })).toEqual({ value: { items: [{ id: '1' }], next: 'MTA' }, warnings: [] });
  });

  it('treats a null or empty cursor as the last page', () => {
    expect(parseKeysetPage({ markets: [], next_cursor: null })).toEqual({ value: { items: [], next: null }, warnings: [] });
    expect(parseKeysetPage({ data: [{ id: '2' }], next_cursor: '' })).toEqual({ value: { items: [{ id: '2' }], next: null }, warnings: [] });
  });

  it.each([
    [[], 'body is not an object with markets and next_cursor'],
    [{ markets: 'x' }, 'markets is not an array'],
    [{ markets: [], next_cursor: 5 }, 'next_cursor is not a string'],
  ])('reports a malformed page %j', (body, issue) => {
    expect(parseKeysetPage(body)).toEqual({ issue });
  });
});
