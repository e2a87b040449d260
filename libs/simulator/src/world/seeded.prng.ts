/**
 * mulberry32: a tiny seeded PRNG. The simulated world must be reproducible from its seed, so the
 * model never touches Math.random.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A long decimal string, like the venue's 77-digit outcome token ids. */
  decimalId(digits: number): string {
    let out = String(this.int(1, 9));
    while (out.length < digits) out += String(this.int(0, 9));
    return out;
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars) out += this.int(0, 15).toString(16);
    return out;
  }
}
