/**
 * Each service serves /metrics on POLYBOT_METRICS_PORT + its fixed offset, so all of them can run
 * on one machine. Offsets never change: dashboards and scrape configs depend on them.
 */
export const METRICS_PORT_OFFSETS = {
  ingestor: 0,
  strategy: 1,
  risk: 2,
  executor: 3,
  api: 4,
} as const;

export type MetricsService = keyof typeof METRICS_PORT_OFFSETS;

/** Port 0 stays 0 (any free port), which is what tests use. */
export function metricsPortFor(service: MetricsService, basePort: number): number {
  return basePort === 0 ? 0 : basePort + METRICS_PORT_OFFSETS[service];
}
