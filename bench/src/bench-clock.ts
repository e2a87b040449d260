/** Epoch ms with sub-millisecond resolution, one clock for the whole bench process. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
