export interface KillSwitchState {
  readonly name: string;
  readonly tripped: boolean;
  readonly trippedAt: Date | null;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly reason: string | null;
  readonly clearedAt: Date | null;
  readonly clearedBy: string | null;
}

export interface KillSwitchEvent {
  readonly id: number;
  readonly name: string;
  readonly action: 'TRIPPED' | 'CLEARED';
  readonly value: number | null;
  readonly threshold: number | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly at: Date;
}

/** `changed` is false when the switch already was in the asked state (nothing written). */
export interface KillSwitchChange {
  readonly changed: boolean;
  readonly state: KillSwitchState | null;
}
