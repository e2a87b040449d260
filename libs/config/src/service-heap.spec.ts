import { spawnSync } from 'node:child_process';
import { SERVICE_HEAP_MB, serviceNodeFlags } from './service-heap';

const SERVICES = Object.keys(SERVICE_HEAP_MB) as (keyof typeof SERVICE_HEAP_MB)[];

describe('serviceNodeFlags', () => {
  it.each(SERVICES)('gives %s flags this node accepts (a bad V8 flag would stop the service at start)', (name) => {
    const run = spawnSync(process.execPath, [...serviceNodeFlags(name), '-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The old-space ceiling took effect: V8's limit is it plus the young generation.
    expect(Number(run.stdout) / 2 ** 20).toBeGreaterThanOrEqual(SERVICE_HEAP_MB[name]);
    expect(Number(run.stdout) / 2 ** 20).toBeLessThan(SERVICE_HEAP_MB[name] + 128);
  });

  it('lets only the ingestor grow its old generation to twice what survives a full collection', () => {
    expect(serviceNodeFlags('ingestor')).toEqual(['--max-old-space-size=256', '--heap-growing-percent=100']);
    for (const name of SERVICES.filter((each) => each !== 'ingestor')) expect(serviceNodeFlags(name)).toEqual([`--max-old-space-size=${SERVICE_HEAP_MB[name]}`]);
  });
});
