import { MICRO } from '../venue/polygon.contracts';

/** 6-decimal integer units to the venue's decimal string without trailing zeros ("10", "4.1"). */
export function formatMicro(micro: number): string {
  return String(Number((micro / MICRO).toFixed(6)));
}

/** What `size` shares at `priceMills` cost, in micro-pUSD (rounded to the unit). */
export function notionalMicro(sizeMicro: number, priceMills: number): number {
  return Math.round((sizeMicro * priceMills) / 1000);
}
