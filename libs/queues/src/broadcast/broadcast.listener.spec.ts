import { parseBroadcast } from './broadcast.listener';

const intentData = { intentId: '0b6e2f0e-6f1f-4c39-9d7e-2a3c4b5d6e7f', status: 'APPROVED', actor: 'cli', at: '2026-11-27T06:00:00.000Z' };

describe('parseBroadcast', () => {
  it('reads the { pattern, data } packet the Nest Redis transport publishes', () => {
    expect(parseBroadcast('intent.approved', JSON.stringify({ pattern: 'intent.approved', data: intentData }))).toEqual({
      event: 'intent.approved',
      payload: intentData,
    });
  });

  it('says what is wrong with an unknown channel, a non-JSON message or a bad payload', () => {
    expect(parseBroadcast('other', '{}')).toBe('unknown broadcast channel "other"');
    expect(parseBroadcast('intent.approved', 'not json')).toBe('broadcast message is not JSON');
    expect(parseBroadcast('kill-switch.triggered', JSON.stringify({ data: intentData }))).toMatch(/^broadcast kill-switch.triggered payload is invalid: name: Required/);
  });
});
