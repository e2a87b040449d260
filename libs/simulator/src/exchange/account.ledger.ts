import { MICRO } from '../venue/polygon.contracts';

export interface SimPosition {
  sizeMicro: number;
  /** What the shares still held cost, for avgPrice. */
  costMicro: number;
  boughtMicro: number;
  realizedMicro: number;
}

/** pUSD balances and outcome-share positions per lower-cased address, 6-decimal integers. */
export class AccountLedger {
  private readonly balances = new Map<string, number>();
  private readonly positions = new Map<string, Map<string, SimPosition>>();

  constructor(private readonly startingBalanceUsd: number) {}

  balanceMicro(address: string): number {
    const key = address.toLowerCase();
    return this.balances.get(key) ?? Math.round(this.startingBalanceUsd * MICRO);
  }

  setBalanceUsd(address: string, usd: number): void {
    this.balances.set(address.toLowerCase(), Math.round(usd * MICRO));
  }

  credit(address: string, micro: number): void {
    this.balances.set(address.toLowerCase(), this.balanceMicro(address) + micro);
  }

  position(address: string, tokenId: string): SimPosition | undefined {
    return this.positions.get(address.toLowerCase())?.get(tokenId);
  }

  positionsOf(address: string): [string, SimPosition][] {
    return [...(this.positions.get(address.toLowerCase())?.entries() ?? [])];
  }

  sharesMicro(address: string, tokenId: string): number {
    return this.position(address, tokenId)?.sizeMicro ?? 0;
  }

  buy(address: string, tokenId: string, sizeMicro: number, costMicro: number): void {
    this.credit(address, -costMicro);
    const p = this.ensure(address, tokenId);
    p.sizeMicro += sizeMicro;
    p.costMicro += costMicro;
    p.boughtMicro += sizeMicro;
  }

  sell(address: string, tokenId: string, sizeMicro: number, proceedsMicro: number): void {
    this.credit(address, proceedsMicro);
    const p = this.ensure(address, tokenId);
    const costOfSold = p.sizeMicro > 0 ? Math.round((p.costMicro * sizeMicro) / p.sizeMicro) : 0;
    p.sizeMicro -= sizeMicro;
    p.costMicro -= costOfSold;
    p.realizedMicro += proceedsMicro - costOfSold;
  }

  /** Burns shares for a redeem and pays `payoutMicro` for them. */
  redeem(address: string, tokenId: string, sizeMicro: number, payoutMicro: number): void {
    const p = this.position(address, tokenId);
    if (!p || sizeMicro <= 0) return;
    const burnt = Math.min(sizeMicro, p.sizeMicro);
    const costOfBurnt = p.sizeMicro > 0 ? Math.round((p.costMicro * burnt) / p.sizeMicro) : 0;
    this.credit(address, payoutMicro);
    p.realizedMicro += payoutMicro - costOfBurnt;
    p.sizeMicro -= burnt;
    p.costMicro -= costOfBurnt;
  }

  clear(): void {
    this.balances.clear();
    this.positions.clear();
  }

  private ensure(address: string, tokenId: string): SimPosition {
    const key = address.toLowerCase();
    let byToken = this.positions.get(key);
    if (!byToken) this.positions.set(key, (byToken = new Map()));
    let p = byToken.get(tokenId);
    if (!p) byToken.set(tokenId, (p = { sizeMicro: 0, costMicro: 0, boughtMicro: 0, realizedMicro: 0 }));
    return p;
  }
}
