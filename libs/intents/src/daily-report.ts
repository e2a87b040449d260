import type { Settings } from '@polybot/config';
import { buildLedger, INTENT_STATUSES, type Fill, type Intent, type IntentStatus } from '@polybot/domain';
import type { AccountSnapshotRepository, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository } from '@polybot/persistence';
import { fillModeFor, type PortfolioService } from '@polybot/portfolio';
import type { ReportWindow } from './report-window';
import { servicesModeOf, type ServicesModeJson } from './services-mode';

export interface LatencyJson {
  median_seconds: number;
  p90_seconds: number;
  max_seconds: number;
}

export interface FillTotalsJson {
  count: number;
  shares: number;
  notional_usd: number;
  fees_usd: number;
}

export interface DailyReport {
  since: string;
  until: string;
  mode: string;
  /** The running services' mode beside this one; `warning` when they differ (the ledger below is then not theirs). */
  services_mode: ServicesModeJson;
  /** Which fill log the money figures come from (PAPER in paper mode, LIVE otherwise). */
  ledger: 'PAPER' | 'LIVE';
  /** Intents created in the window, by type and by their status now. */
  intents: { created: number; by_type: Record<string, number>; by_status: Record<IntentStatus, number> };
  /** Decisions made in the window; latency is decided_at - created_at of the approvals. */
  decisions: { approved: number; rejected: number; expired: number; approval_latency: LatencyJson | null };
  /** Execution outcomes first recorded in the window. */
  executions: { count: number; by_mode: Record<string, number>; by_status: Record<string, number> };
  fills: FillTotalsJson & { by_side: Record<'BUY' | 'SELL', FillTotalsJson> };
  /** Fees paid on the window's fills. */
  fees_usd: number;
  /** Ledger realized P&L at `until` minus at `since` (both legs' fees included, as the ledger counts them). */
  realized_pnl: number;
  /** Open positions marked at the best bid now (not at `until`). */
  unrealized_pnl: number;
  equity: number;
  kill_switch_events: { name: string; action: 'TRIPPED' | 'CLEARED'; actor: string; at: string; value: number | null; threshold: number | null; reason: string | null }[];
  generated_at: string;
}

export interface DailyReportSources {
  readonly settings: Settings;
  readonly intents: IntentRepository;
  readonly executions: ExecutionRepository;
  readonly fills: FillRepository;
  readonly killSwitches: KillSwitchRepository;
  readonly accounts: Pick<AccountSnapshotRepository, 'latestMode'>;
  readonly portfolio: Pick<PortfolioService, 'view'>;
  readonly now: Date;
}

const round = (value: number, digits = 8): number => Number(value.toFixed(digits));
const inWindow = (at: Date | null, w: ReportWindow): boolean => at !== null && at >= w.since && at < w.until;
const APPROVED_PATH: readonly IntentStatus[] = ['APPROVED', 'EXECUTING', 'EXECUTED', 'FAILED'];

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Median (mean of the middle two for an even count), nearest-rank p90, and max; null when there is nothing to measure. */
export function latencyOf(seconds: readonly number[]): LatencyJson | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median_seconds: round(median, 3),
    p90_seconds: round(sorted[Math.ceil(0.9 * sorted.length) - 1], 3),
    max_seconds: round(sorted[sorted.length - 1], 3),
  };
}

function totals(fills: readonly Fill[]): FillTotalsJson {
  return {
    count: fills.length,
    shares: round(fills.reduce((sum, f) => sum + f.shares, 0)),
    notional_usd: round(fills.reduce((sum, f) => sum + f.price * f.shares, 0)),
    fees_usd: round(fills.reduce((sum, f) => sum + f.feeUsd, 0)),
  };
}

function decisionsOf(touched: readonly Intent[], w: ReportWindow): DailyReport['decisions'] {
  const decided = touched.filter((i) => inWindow(i.decidedAt, w));
  const approved = decided.filter((i) => APPROVED_PATH.includes(i.status));
  return {
    approved: approved.length,
    rejected: decided.filter((i) => i.status === 'REJECTED').length,
    expired: decided.filter((i) => i.status === 'EXPIRED').length,
    approval_latency: latencyOf(approved.map((i) => ((i.decidedAt as Date).getTime() - i.createdAt.getTime()) / 1000)),
  };
}

/** `polyb0t report` and `GET /report`: what happened in [since, until), and where the money stands now. */
export async function buildDailyReport(src: DailyReportSources, window: ReportWindow): Promise<DailyReport> {
  const ledgerMode = fillModeFor(src.settings);
  const [touched, executions, allFills, events, latest, view] = await Promise.all([
    src.intents.createdOrDecidedBetween(window.since, window.until),
    src.executions.createdBetween(window.since, window.until),
    src.fills.all(ledgerMode),
    src.killSwitches.eventsBetween(window.since, window.until),
    src.accounts.latestMode(),
    src.portfolio.view(src.now),
  ]);
  const created = touched.filter((i) => inWindow(i.createdAt, window));
  const byStatus = Object.fromEntries(INTENT_STATUSES.map((s) => [s, 0])) as Record<IntentStatus, number>;
  for (const intent of created) byStatus[intent.status] += 1;
  const windowFills = allFills.filter((f) => inWindow(f.at, window));
  const realizedAt = (end: Date) => buildLedger(view.bankroll, allFills.filter((f) => f.at < end)).realizedPnlUsd;
  const fills = totals(windowFills);
  return {
    since: window.since.toISOString(),
    until: window.until.toISOString(),
    mode: src.settings.mode,
    services_mode: servicesModeOf(latest, src.settings, src.now),
    ledger: ledgerMode,
    intents: { created: created.length, by_type: countBy(created, (i) => i.type), by_status: byStatus },
    decisions: decisionsOf(touched, window),
    executions: { count: executions.length, by_mode: countBy(executions, (e) => e.mode), by_status: countBy(executions, (e) => e.status) },
    fills: {
      ...fills,
      by_side: { BUY: totals(windowFills.filter((f) => f.side === 'BUY')), SELL: totals(windowFills.filter((f) => f.side === 'SELL')) },
    },
    fees_usd: fills.fees_usd,
    realized_pnl: round(realizedAt(window.until) - realizedAt(window.since)),
    unrealized_pnl: view.marked.unrealizedPnlUsd,
    equity: view.marked.equity,
    kill_switch_events: events.map((e) => ({
      name: e.name, action: e.action, actor: e.actor, at: e.at.toISOString(), value: e.value, threshold: e.threshold, reason: e.reason,
    })),
    generated_at: src.now.toISOString(),
  };
}
