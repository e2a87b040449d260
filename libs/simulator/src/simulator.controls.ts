import type { ApiCredentials } from './auth/api-credentials';
import type { SimOrder, SimTrade, SimTransaction } from './exchange/exchange.types';
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
  readonly exchangeOrders: number;
  readonly trades: number;
  readonly transactions: number;
  readonly websocketClients: number;
  /** Book changes the market channel will still lose (loseStreamBookChanges). */
  readonly streamBookChangesToLose: number;
  readonly userWebsocketClients: number;
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
  /** The market channel loses the next `count` book changes: subscribers' local books drift until they re-read them. */
  loseStreamBookChanges(count: number): void;
  /** Every order POST as received (accepted, refused or unauthenticated). */
  orders(): RecordedOrder[];
  /** Every order the exchange accepted, in any state. */
  exchangeOrders(): SimOrder[];
  trades(): SimTrade[];
  transactions(): SimTransaction[];
  /** The address's deterministic CLOB API credentials (what createOrDeriveApiKey would get). */
  apiCredentials(address: string): ApiCredentials;
  /** Sets the address's pUSD balance (before that it holds the starting balance). */
  setBalance(address: string, balanceUsd: number): void;
  /** pUSD balance in dollars. */
  balance(address: string): number;
  requests(): Record<string, number>;
  resetRequests(): void;
  state(): SimulatorState;
  /** A fresh world from the same seed; faults, orders, trades, balances, transactions and request counts cleared. */
  reset(): void;
}
