export interface SettingIssue {
  /** The environment variable, e.g. POLYBOT_LOOP_INTERVAL_SECONDS. */
  variable: string;
  /** What the variable must hold, e.g. "a number of seconds > 0". */
  expected: string;
  /** The value found ("<redacted>" for secrets, "" when unset). */
  received: string;
}

/** Thrown once at start-up with every bad variable, one line each. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(readonly issues: readonly SettingIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

export function formatIssue({ variable, expected, received }: SettingIssue): string {
  return `${variable}: expected ${expected}, got ${received === '' ? 'nothing (unset)' : JSON.stringify(received)}`;
}
