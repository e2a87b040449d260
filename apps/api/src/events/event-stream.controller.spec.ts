import { sseFrame } from './event-stream.controller';
import type { OperatorEvent } from './operator-event.hub';

describe('sseFrame', () => {
  it('writes the event name and the JSON on one data line, even when a value holds newlines', () => {
    const event = {
      kind: 'kill-switch',
      broadcast: { event: 'kill-switch.triggered', payload: { name: 'DRAWDOWN', value: 12, threshold: 10, reason: 'x', actor: 'risk', at: 'now' } },
      data: { name: 'DRAWDOWN', tripped: true, reason: 'line one\nline two' },
    } as unknown as OperatorEvent;
    const frame = sseFrame(event);
    expect(frame).toBe('event: kill-switch\ndata: {"name":"DRAWDOWN","tripped":true,"reason":"line one\\nline two"}\n\n');
    expect(frame.trimEnd().split('\n')).toHaveLength(2);
  });
});
