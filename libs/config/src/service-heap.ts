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

/** The node flags a service runs with, the same everywhere it is started (CLI, compose, k8s, bench). */
export function serviceNodeFlags(service: MetricsService): string[] {
  return [`--max-old-space-size=${SERVICE_HEAP_MB[service]}`];
}
