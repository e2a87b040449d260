import type { ActiveFault, FaultSpec } from './faults/fault.registry';
import type { RecordedOrder } from './http/order.recorder';
import type { ResolvedMarket } from './scenarios/market-resolution.scenario';
import type { MispricingOptions, MispricingScenario } from './scenarios/mispricing.scenario';
import type { PriceMove } from './scenarios/price-move.scenario';
import type { SpreadSpike } from './scenarios/spread-spike.scenario';

export interface SimulatorState {
  readonly seed: number;
  readonly events: number;
  readonly markets: number;
  readonly tokens: number;
  readonly negRiskEvents: number;
  readonly frozenEvents: number;
  readonly closedMarkets: number;
  readonly staleBooks: boolean;
  readonly ticks: number;
  readonly tickIntervalMs: number;
  readonly faults: number;
  readonly orders: number;
  readonly websocketClients: number;
}

/** What tests and demos can script, in process or over /_sim. */
export interface SimulatorControls {
  injectMispricing(opts?: MispricingOptions): MispricingScenario;
  addFault(spec: FaultSpec): ActiveFault;
  clearFaults(): number;
  faults(): readonly ActiveFault[];
  staleBooks(on: boolean): void;
  spreadSpike(tokenId: string, factor: number): SpreadSpike;
  resolveMarket(conditionId: string, winningOutcomeIndex: number): ResolvedMarket;
  /** Moves the token's market so that token's mid is `mid` (same tick, spread and depth) and freezes its event. */
  setPrice(tokenId: string, mid: number): PriceMove;
  /** One random-walk step now, whatever the interval. */
  tick(): void;
  disconnectWebsockets(): number;
  orders(): RecordedOrder[];
  requests(): Record<string, number>;
  resetRequests(): void;
  state(): SimulatorState;
  /** A fresh world from the same seed; faults, orders and request counts cleared. */
  reset(): void;
}
