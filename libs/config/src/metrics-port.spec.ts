import { METRICS_PORT_OFFSETS, metricsPortFor } from './metrics-port';

describe('metricsPortFor', () => {
  it('adds the fixed offset of each service to the base port', () => {
    expect(metricsPortFor('ingestor', 9464)).toBe(9464);
    expect(metricsPortFor('strategy', 9464)).toBe(9465);
    expect(metricsPortFor('risk', 9464)).toBe(9466);
    expect(metricsPortFor('executor', 9464)).toBe(9467);
    expect(metricsPortFor('api', 9464)).toBe(9468);
  });

  it('keeps port 0 (any free port) for every service', () => {
    for (const service of Object.keys(METRICS_PORT_OFFSETS) as (keyof typeof METRICS_PORT_OFFSETS)[]) {
      expect(metricsPortFor(service, 0)).toBe(0);
    }
  });
});
