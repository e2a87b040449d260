import type { ExecutionJson, IntentJson } from '@polybot/intents';

const pad = (label: string) => `${label}:`.padEnd(14);
const money = (usd: number) => `$${usd.toFixed(2)}`;
const signed = (value: number, digits = 3) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

function timeLeft(expiresAt: string, now: number): string {
  const seconds = Math.ceil((Date.parse(expiresAt) - now) / 1000);
  return seconds > 0 ? `${seconds}s` : 'expired';
}

function riskSummary(checks: IntentJson['risk_checks']): string[] {
  if (checks.length === 0) return ['none recorded'];
  const failed = checks.filter((check) => !check.passed);
  if (failed.length === 0) return ['ok All passed'];
  return failed.map((check) => `FAILED ${check.name}: ${check.message}`);
}

/** One intent the way the spec shows it, with the time left while it can still be approved. */
export function formatIntent(intent: IntentJson, now: number): string {
  const lines = [
    `${pad('Intent ID')}${intent.id}`,
    `${pad('Type')}${intent.type}`,
    `${pad('Status')}${intent.status}${intent.status_reason ? ` (${intent.status_reason})` : ''}`,
    `${pad('Market')}${intent.market_id} (${intent.outcome})`,
    `${pad('Token')}${intent.token_id}`,
    `${pad('Side')}${intent.side}`,
    `${pad('Price')}${intent.price}`,
    `${pad('Size')}${money(intent.size_usd)}`,
  ];
  if (intent.edge !== null) {
    lines.push(`${pad('Edge')}${signed(intent.edge)} (model: ${intent.model_prob?.toFixed(3)}, market: ${intent.market_price?.toFixed(3)})`);
  }
  lines.push(`${pad('Reason')}${intent.reason}`);
  const [first, ...rest] = riskSummary(intent.risk_checks);
  lines.push(`${pad('Risk Checks')}${first}`, ...rest.map((line) => `${' '.repeat(14)}${line}`));
  lines.push(`${pad('Created')}${intent.created_at}`, `${pad('Expires')}${intent.expires_at}`);
  if (intent.status === 'PENDING') lines.push(`${pad('Time Left')}${timeLeft(intent.expires_at, now)}`);
  if (intent.decided_at) lines.push(`${pad('Decided')}${intent.decided_at}${intent.decided_by ? ` by ${intent.decided_by}` : ''}`);
  if (intent.execution) lines.push(`${pad('Execution')}${formatExecution(intent.execution)}`);
  return lines.join('\n');
}

/** A dry run's outcome is its mode ("DRY_RUN DRY_RUN" said it twice); a live or paper one, mode and status. */
export function formatExecution(e: ExecutionJson): string {
  const outcome = e.mode === 'DRY_RUN' && e.status === 'DRY_RUN' ? 'dry run, nothing sent' : `${e.mode} ${e.status}`;
  return `${outcome}${e.order_id ? ` order ${e.order_id}` : ''}${e.error ? `: ${e.error}` : ''}`;
}

export function formatIntentList(intents: readonly IntentJson[], now: number, all: boolean): string {
  if (intents.length === 0) return all ? 'No intents yet.' : 'No pending intents. (Use --all to see earlier ones.)';
  return intents.map((intent) => formatIntent(intent, now)).join('\n\n');
}

/**
 * Null when the list holds every intent that matched; otherwise how many it left out and how to see
 * more, so a limit never hides intents silently.
 */
export function formatListShortfall(shown: number, total: number, limit: number, maxLimit: number): string | null {
  if (total <= shown) return null;
  const count = (n: number) => n.toLocaleString('en-US');
  const head = `Showing the newest ${count(shown)} of ${count(total)} intents`;
  if (total <= maxLimit) return `${head}; use --limit ${total} to see them all.`;
  if (limit < maxLimit) return `${head}; use --limit (up to ${maxLimit}) or --status to see more.`;
  return `${head} (--limit goes up to ${maxLimit}); use --status to narrow the list.`;
}
