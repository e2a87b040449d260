import type { Settings } from '@polybot/config';
import type { KillSwitchRepository } from '@polybot/persistence';
import { BroadcastEvent, type BroadcastPublisher, type StructuredLogger } from '@polybot/queues';
import { KillSwitchNotTrippedError, UnknownKillSwitchError } from './kill-switch.errors';
import { isKillSwitchName, killSwitchStates, type KillSwitchJson } from './kill-switch-state';
import { whenDatabaseIsUp } from './database-availability';

export interface KillSwitchServiceDeps {
  readonly killSwitches: KillSwitchRepository;
  readonly settings: Settings;
  readonly broadcast?: BroadcastPublisher;
  readonly logger: StructuredLogger;
  readonly now?: () => Date;
}

/**
 * The operator's side of the kill switches, shared by the API and the CLI. Tripping is the risk
 * service's job; a person only looks and, once the cause is understood, clears.
 */
export class KillSwitchService {
  private readonly now: () => Date;

  constructor(private readonly deps: KillSwitchServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async list(): Promise<KillSwitchJson[]> {
    return killSwitchStates(await whenDatabaseIsUp(() => this.deps.killSwitches.list()), this.deps.settings);
  }

  /** Clears a tripped switch (the repository writes the CLEARED event and audit row), then tells every service. */
  async clear(rawName: string, actor: string): Promise<KillSwitchJson> {
    const name = rawName.trim().toUpperCase();
    if (!isKillSwitchName(name)) throw new UnknownKillSwitchError(rawName);
    const now = this.now();
    const change = await whenDatabaseIsUp(() => this.deps.killSwitches.clear(name, actor, now));
    if (!change.changed || !change.state) throw new KillSwitchNotTrippedError(name);
    this.deps.logger.info({ kill_switch: name, actor, tripped_at: change.state.trippedAt?.toISOString() ?? null }, 'Kill switch cleared by operator');
    await this.deps.broadcast?.publish(BroadcastEvent.KillSwitchCleared, {
      name,
      value: change.state.value,
      threshold: change.state.threshold,
      reason: `cleared by ${actor}`,
      actor,
      at: now.toISOString(),
    });
    const [json] = killSwitchStates([change.state], this.deps.settings).filter((s) => s.name === name);
    return json;
  }
}
