import type { MetricsService } from './metrics-port';

/**
 * V8's old-space ceiling per service, in MiB. Left to itself V8 sizes the heap from the machine's
 * memory and lets garbage pile up to several times what a service really holds, so a service with a
 * 50 MB working set showed 300 MB RSS. Each ceiling is about three times the live heap measured after
 * GC at 50,000 outcome tokens (bench/README.md), so collections stay rare and a service never runs
 * near its limit; a service that outgrows its ceiling crashes and is restarted rather than swapping.
 * The ingestor's is about twice its 100-145 MB: with compact books its heap no longer grows with
 * churn, and a higher ceiling only let garbage raise its RSS.
 */
export const SERVICE_HEAP_MB: Readonly<Record<MetricsService, number>> = {
  ingestor: 256,
  strategy: 128,
  risk: 160,
  executor: 128,
  api: 128,
};

/**
 * How far V8 lets the old generation grow over what survived the last full collection before it
 * collects again, in percent (V8 picks 30-50 % on its own for these heaps). Only the ingestor, whose
 * catalogue and books survive every cycle, is given more: at 10,000 tokens V8 ran a mark-compact
 * every ~2 s at 1.3-1.5x its 42-51 MB live heap. At 100 % (twice the live heap; bench/README.md,
 * "The ingestor's old generation", four runs each way): 40-60 % fewer full collections, 11-19 % less
 * ingestor CPU, which keeps all five services under half of two cores at 50,000 tokens where they
 * sat on that line; for 25-40 MB more RSS.
 */
export const SERVICE_HEAP_GROWING_PERCENT: Readonly<Partial<Record<MetricsService, number>>> = {
  ingestor: 100,
};

/** The node flags a service runs with, the same everywhere it is started (CLI, compose, k8s, bench). */
export function serviceNodeFlags(service: MetricsService): string[] {
  const growing = SERVICE_HEAP_GROWING_PERCENT[service];
  return [`--max-old-space-size=${SERVICE_HEAP_MB[service]}`, ...(growing === undefined ? [] : [`--heap-growing-percent=${growing}`])];
}
