import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { createKillSwitchRules, evaluateKillSwitches, KILL_SWITCH_NAMES, type EquityPoint, type EventSnapshot, type KillSwitchName, type KillSwitchReading } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { AccountSnapshotRepository, IntentRepository, KillSwitchRepository, VenueCallRepository } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, killSwitchSettingsFrom, type Clock } from '@polybot/runtime';
import { MarketDataAgeService } from './market-data-age.service';
import { SpreadBaselineStore } from './spread-baseline.store';
import { RiskStateService } from './state/risk-state.service';

/** Every switch is checked on this timer (a dead ingestor sends no snapshots); those reading Postgres only here. */
const CHECK_INTERVAL_MS = 1000;
/** Judged from memory alone, so cheap enough for every snapshot batch. */
const PER_BATCH_SWITCHES: readonly KillSwitchName[] = ['STALE_DATA', 'SPREAD_ANOMALY'];
const DAY_MS = 86_400_000;

/**
 * Watches the kill switches. A switch that trips is stored (what, when, the measured value),
 * rejects every PENDING intent with itself as the reason, is logged, counted and broadcast, and
 * stays tripped, across restarts, until a person clears it. Nothing here ever clears a switch.
 */
@Injectable()
export class KillSwitchMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly rules = createKillSwitchRules();
  private readonly perBatchRules = this.rules.filter((rule) => PER_BATCH_SWITCHES.includes(rule.name));

  constructor(
    private readonly switches: KillSwitchRepository,
    private readonly intents: IntentRepository,
    private readonly venueCalls: VenueCallRepository,
    private readonly accounts: AccountSnapshotRepository,
    private readonly dataAge: MarketDataAgeService,
    private readonly baselines: SpreadBaselineStore,
    private readonly broadcast: BroadcastPublisher,
    private readonly state: RiskStateService,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publishStates();
    this.timer = setInterval(() => void this.check([]).catch((error: unknown) => this.logger.error({ err: error }, 'Kill switch check failed')), CHECK_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Judges the events against the spreads learned so far, then learns from them. Only the switches
   * judged from memory run here; the ones reading Postgres run on the timer.
   */
  async onSnapshots(events: readonly EventSnapshot[]): Promise<KillSwitchReading[]> {
    const now = this.clock();
    // The equity curve and API stats are read by the timer's switches only.
    const inputs = { now, api: { calls: 0, errors: 0 }, equityCurve: [], lastMarketDataAt: this.dataAge.newestToJudge(), events, spreadBaselines: this.baselines.current() };
    const readings = evaluateKillSwitches(inputs, killSwitchSettingsFrom(this.settings), this.perBatchRules);
    this.baselines.learn(events);
    // A switch known to be tripped is not stored again per batch (a round trip that changes nothing).
    for (const reading of readings) if (reading.tripped && !this.state.isTripped(reading.name)) await this.trip(reading, now);
    return readings;
  }

  async check(events: readonly EventSnapshot[]): Promise<KillSwitchReading[]> {
    const now = this.clock();
    const settings = killSwitchSettingsFrom(this.settings);
    const [api, drawdownCurve, dailyCurve] = await Promise.all([
      this.venueCalls.errorRate(new Date(now - this.settings.apiErrorWindowSeconds * 1000)),
      this.drawdownCurve(),
      this.dailyCurve(now),
    ]);
    const base = { now, api, lastMarketDataAt: this.dataAge.newestToJudge(), events, spreadBaselines: this.baselines.current() };
    const readings = this.rules.map((rule) => {
      const equityCurve = rule.name === 'DRAWDOWN' ? drawdownCurve : dailyCurve;
      return evaluateKillSwitches({ ...base, equityCurve }, settings, [rule])[0];
    });
    for (const reading of readings) if (reading.tripped) await this.trip(reading, now);
    return readings;
  }

  private async trip(reading: KillSwitchReading, now: number): Promise<void> {
    const at = new Date(now);
    const actor = `kill-switch:${reading.name}`;
    const { changed } = await this.switches.trip(reading.name, reading.value, reading.threshold, reading.reason, actor, at);
    this.state.recordTrip(reading.name);
    if (!changed) return;
    this.metrics.killSwitchActive.set({ switch: reading.name }, 1);
    const rejected = await this.intents.rejectAllPending(`Kill switch ${reading.name} tripped: ${reading.reason}`, actor, at);
    this.logger.error(
      { kill_switch: reading.name, value: reading.value, threshold: reading.threshold, rejected_intents: rejected.length },
      `Kill switch tripped: ${reading.reason}`,
    );
    await this.broadcast.publish(BroadcastEvent.KillSwitchTriggered, { name: reading.name, value: reading.value, threshold: reading.threshold, reason: reading.reason, actor, at: at.toISOString() });
    for (const intent of rejected) {
      await this.broadcast.publish(BroadcastEvent.IntentRejected, { intentId: intent.id, status: intent.status, actor, at: at.toISOString(), reason: intent.statusReason });
    }
  }

  /** DRAWDOWN only needs the peak and the latest equity. */
  private async drawdownCurve(): Promise<EquityPoint[]> {
    const { mode } = this.settings;
    const [peak, latest] = await Promise.all([this.accounts.peakEquity(mode), this.accounts.latestEquity(mode)]);
    if (peak === null || !latest) return [];
    return [{ at: new Date(0), equity: peak }, latest];
  }

  /** DAILY_LOSS needs the equity 24 h ago (or the first since, early on) and the latest. */
  private async dailyCurve(now: number): Promise<EquityPoint[]> {
    const dayAgo = new Date(now - DAY_MS);
    const { mode } = this.settings;
    const [then, first, latest] = await Promise.all([this.accounts.equityAsOf(dayAgo, mode), this.accounts.firstEquitySince(dayAgo, mode), this.accounts.latestEquity(mode)]);
    const start = then !== null ? { at: dayAgo, equity: then } : first;
    if (!start || !latest) return [];
    return [start, latest];
  }

  /** The gauge reflects the stored state, which survives restarts. */
  private async publishStates(): Promise<void> {
    const states = await this.switches.list();
    for (const name of KILL_SWITCH_NAMES) this.metrics.killSwitchActive.set({ switch: name }, states.some((s) => s.name === name && s.tripped) ? 1 : 0);
  }
}
