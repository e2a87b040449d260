import type { Intent, RiskCheckResult } from '@polybot/domain';
import type { ExecutionOutcome, ExecutionRepository, IntentRepository, ListIntentsOptions, TransitionResult } from '@polybot/persistence';
import {
  approvedIntentJobId,
  BroadcastEvent,
  QueueName,
  type BroadcastPublisher,
  type QueueProducer,
  type StructuredLogger,
} from '@polybot/queues';
import type { PolybotMetrics } from '@polybot/observability';
import type { IntentGate } from '@polybot/portfolio';
import { whenDatabaseIsUp } from './database-availability';
import { IntentBlockedError, IntentNotFoundError, IntentStateConflictError, InvalidIntentIdError, ServicesModeMismatchError } from './intent.errors';
import type { ServicesModeReader } from './services-mode';

export interface IntentServiceDeps {
  readonly intents: IntentRepository;
  readonly executions: ExecutionRepository;
  readonly queue: QueueProducer;
  readonly broadcast?: BroadcastPublisher;
  readonly logger: StructuredLogger;
  /** Re-checks risk at approval; without it approval only checks the intent's status and expiry. */
  readonly gate?: IntentGate;
  /**
   * With a gate: refuses an approval while the running services trade in the other mode, whose
   * ledger the re-check would not read. The CLI and the API can be started in another mode.
   */
  readonly servicesMode?: ServicesModeReader;
  /** Counts decisions and approval latency where a process is scraped (the API, the services). */
  readonly metrics?: Pick<PolybotMetrics, 'intents' | 'approvalLatency'>;
  readonly now?: () => Date;
}

export interface IntentView {
  readonly intent: Intent;
  readonly execution: ExecutionOutcome | null;
}

/** `total` above `views.length`: more intents match than the limit let through. */
export interface IntentListPage {
  readonly views: IntentView[];
  readonly total: number;
}

const ID_CHARS = /^[0-9a-fA-F-]+$/;
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a person can do to intents, shared by the API and the CLI so both behave identically.
 * Postgres decides every race (one conditional UPDATE); the queue and the broadcast follow it.
 */
export class IntentService {
  private readonly now: () => Date;

  constructor(private readonly deps: IntentServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async approve(idOrPrefix: string, actor: string): Promise<Intent> {
    const id = await this.decisionTarget(idOrPrefix);
    const checks = await this.recheck(id);
    const approval = { now: this.now(), actor, ...(checks ? { checks: { phase: 'APPROVAL' as const, results: checks } } : {}) };
    const intent = this.winnerOf(await whenDatabaseIsUp(() => this.deps.intents.transition(id, 'Approve', approval)), 'approve', idOrPrefix);
    this.deps.logger.info({ intent_id: intent.id, actor, intent_type: intent.type }, 'Intent approved');
    this.count(intent);
    this.deps.metrics?.approvalLatency.observe(((intent.decidedAt ?? this.now()).getTime() - intent.createdAt.getTime()) / 1000);
    // Both follow the committed approval and neither depends on the other.
    await Promise.all([
      this.enqueueApproved(intent),
      this.deps.broadcast?.publish(BroadcastEvent.IntentApproved, {
        intentId: intent.id,
        status: intent.status,
        actor,
        at: (intent.decidedAt ?? this.now()).toISOString(),
      }),
    ]);
    return intent;
  }

  async reject(idOrPrefix: string, actor: string, reason = 'rejected by operator'): Promise<Intent> {
    const id = await this.decisionTarget(idOrPrefix);
    const intent = this.winnerOf(await whenDatabaseIsUp(() => this.deps.intents.transition(id, 'Reject', { now: this.now(), actor, reason })), 'reject', idOrPrefix);
    this.deps.logger.info({ intent_id: intent.id, actor, reason }, 'Intent rejected');
    this.count(intent);
    await this.deps.broadcast?.publish(BroadcastEvent.IntentRejected, {
      intentId: intent.id,
      status: intent.status,
      actor,
      at: (intent.decidedAt ?? this.now()).toISOString(),
      reason,
    });
    return intent;
  }

  /**
   * Minutes can pass between proposal and approval: a limit or a kill switch that now fails blocks
   * the approval, with the reason. Passing results are returned to be stored by the approval's own
   * statement (so a losing concurrent approval stores none); the conditional UPDATE decides races.
   * The portfolio and kill switches are read alongside the intent, not after it (one round trip
   * fewer), so they are read for nothing when the intent turns out not to be PENDING (SECURITY.md,
   * "Re-check timing").
   */
  private async recheck(id: string): Promise<readonly RiskCheckResult[] | undefined> {
    const gate = this.deps.gate;
    if (!gate) return undefined;
    const now = this.now();
    const servicesMode = this.deps.servicesMode;
    const [intent, state, services] = await Promise.all([
      whenDatabaseIsUp(() => this.deps.intents.findById(id)),
      whenDatabaseIsUp(() => gate.readState(now)),
      servicesMode ? whenDatabaseIsUp(() => servicesMode.read(now)) : null,
    ]);
    // Before the intent's own status: whatever it is, this process cannot judge it for those services.
    if (services?.warning) throw new ServicesModeMismatchError(id, services.warning);
    // A missing, decided or expired intent: the transition reports its real status.
    if (!intent || intent.status !== 'PENDING' || intent.expiresAt <= this.now()) return undefined;
    const verdict = gate.decide(intent, await whenDatabaseIsUp(() => gate.withMarket(intent, state)), now);
    if (verdict.passed) return verdict.results;
    const [, current] = await Promise.all([
      whenDatabaseIsUp(() => gate.record(id, 'APPROVAL', verdict, now)),
      whenDatabaseIsUp(() => this.deps.intents.findById(id)),
    ]);
    // Decided by someone else while we checked: the transition reports its real status instead.
    if (current?.status !== 'PENDING') return undefined;
    this.deps.logger.warn({ intent_id: id, blocked_by: verdict.blockingMessage }, 'Approval blocked by risk re-check');
    throw new IntentBlockedError(id, 'approve', verdict.blockingMessage ?? 'a risk check failed');
  }

  private count(intent: Intent): void {
    this.deps.metrics?.intents.inc({ type: intent.type, status: intent.status });
  }

  /** Sweeps every PENDING intent past its expiry. The approve path checks expiry itself too. */
  async expireDue(actor = 'system:expiry'): Promise<Intent[]> {
    const expired = await whenDatabaseIsUp(() => this.deps.intents.expireDue(this.now(), actor));
    for (const intent of expired) {
      this.deps.logger.info({ intent_id: intent.id, expires_at: intent.expiresAt.toISOString() }, 'Intent expired');
      this.count(intent);
      await this.deps.broadcast?.publish(BroadcastEvent.IntentExpired, {
        intentId: intent.id,
        status: intent.status,
        actor,
        at: (intent.decidedAt ?? this.now()).toISOString(),
      });
    }
    return expired;
  }

  async get(idOrPrefix: string): Promise<IntentView> {
    const id = await this.resolve(idOrPrefix);
    const intent = await whenDatabaseIsUp(() => this.deps.intents.findById(id));
    if (!intent) throw new IntentNotFoundError(idOrPrefix);
    return { intent, execution: await whenDatabaseIsUp(() => this.deps.executions.findByIntent(id)) };
  }

  async list(opts: ListIntentsOptions = {}): Promise<IntentView[]> {
    return this.withExecutions(await whenDatabaseIsUp(() => this.deps.intents.list(opts)));
  }

  /** As `list`, with how many intents match in all, so a caller can say when it shows fewer. */
  async listWithTotal(opts: ListIntentsOptions = {}): Promise<IntentListPage> {
    const page = await whenDatabaseIsUp(() => this.deps.intents.listWithTotal(opts));
    return { views: await this.withExecutions(page.intents), total: page.total };
  }

  private async withExecutions(intents: readonly Intent[]): Promise<IntentView[]> {
    const executions = intents.length ? await whenDatabaseIsUp(() => this.deps.executions.findByIntents(intents.map((i) => i.id))) : [];
    const byIntent = new Map(executions.map((e) => [e.intentId, e]));
    return intents.map((intent) => ({ intent, execution: byIntent.get(intent.id) ?? null }));
  }

  /**
   * The approval is already committed; if Redis is down the job is not lost: the executor's
   * reconciler re-enqueues every APPROVED intent no queue holds (same job id, so never twice).
   */
  private async enqueueApproved(intent: Intent): Promise<void> {
    try {
      // The producer gives up after its deadline when Redis is down; a late add is harmless (same job id).
      await this.deps.queue.add(
        QueueName.ApprovedIntents,
        { v: 1, intentId: intent.id, approvedAt: (intent.decidedAt ?? this.now()).toISOString() },
        { jobId: approvedIntentJobId(intent.id) },
      );
    } catch (error) {
      this.deps.logger.warn(
        { intent_id: intent.id, err: error },
        'Approved intent not queued now; the executor reconciler will pick it up',
      );
    }
  }

  private async resolve(idOrPrefix: string): Promise<string> {
    const trimmed = idOrPrefix.trim();
    if (!ID_CHARS.test(trimmed)) throw new InvalidIntentIdError(idOrPrefix, 'MALFORMED');
    const resolved = await whenDatabaseIsUp(() => this.deps.intents.resolveId(trimmed.toLowerCase()));
    if (resolved.ok) return resolved.id;
    if (resolved.error === 'NOT_FOUND') throw new IntentNotFoundError(idOrPrefix);
    throw new InvalidIntentIdError(idOrPrefix, resolved.error);
  }

  /**
   * A full id needs no lookup: the decision's own statement finds the intent or reports it missing
   * (one round trip fewer on the approval path). A prefix is resolved first.
   */
  private async decisionTarget(idOrPrefix: string): Promise<string> {
    const wanted = idOrPrefix.trim().toLowerCase();
    return FULL_ID.test(wanted) ? wanted : this.resolve(idOrPrefix);
  }

  private winnerOf(result: TransitionResult, action: 'approve' | 'reject', idOrPrefix: string): Intent {
    if (result.ok) return result.intent;
    if (result.error === 'NOT_FOUND') throw new IntentNotFoundError(idOrPrefix);
    throw new IntentStateConflictError(result.intent.id, action, result.current);
  }

}
