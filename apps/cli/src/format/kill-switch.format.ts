import type { KillSwitchJson } from '@polybot/intents';
import { table } from './money.format';

const number = (value: number | null) => (value === null ? '-' : String(Number(value.toFixed(4))));

/** Every switch, one line each: tripped ones say when and why; the others their threshold. */
export function formatKillSwitches(switches: readonly KillSwitchJson[]): string {
  const rows = switches.map((s) => [
    s.name,
    s.tripped ? 'TRIPPED' : 'ok',
    number(s.value),
    number(s.threshold),
    s.tripped ? `${s.tripped_at ?? ''} ${s.reason ?? ''}`.trim() : s.cleared_at ? `last cleared ${s.cleared_at} by ${s.cleared_by ?? '?'}` : '',
  ]);
  const tripped = switches.filter((s) => s.tripped).length;
  const summary = tripped ? `${tripped} tripped: no new intents or orders until cleared (polyb0t kill-switches clear NAME).` : 'None tripped.';
  return [...table([['SWITCH', 'STATE', 'VALUE', 'THRESHOLD', 'DETAILS'], ...rows], [2, 3]), '', summary].join('\n');
}
