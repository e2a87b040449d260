import { mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@polybot/config';
import { createLogger } from '@polybot/observability';
import { ForecastLoader } from './forecast.loader';

function loaderFor(source: string): { loader: ForecastLoader; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'strategy', level: 'info', destination: { write: (line: string) => logs.push(JSON.parse(line)) } });
  return { loader: new ForecastLoader(loadSettings({ POLYBOT_FORECASTS: source }, { envFile: false }), logger), logs };
}

describe('ForecastLoader (real files and HTTP)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polybot-forecasts-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a bad CSV row with its line number, re-reads a changed file, keeps the last good set when it disappears', async () => {
    const path = join(dir, 'forecasts.csv');
    await writeFile(path, 'token_id,condition_id,probability\ntok-1,,0.61\ntok-2,,1.7\n,0xcond-3,0.25\n');
    const { loader, logs } = loaderFor(path);

    const first = await loader.current(Date.now());
    expect(first).toEqual([
      expect.objectContaining({ tokenId: 'tok-1', probability: 0.61 }),
      expect.objectContaining({ conditionId: '0xcond-3', probability: 0.25 }),
    ]);
    const skipped = logs.filter((log) => log['level'] === 'WARN');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ line: 3 });
    expect(String(skipped[0]['message'])).toContain('Forecast line 3 skipped');

    await writeFile(path, 'token_id,probability\ntok-9,0.42\n');
    // A distinct mtime, whatever the filesystem's timestamp resolution.
    await utimes(path, new Date(), new Date(Date.now() + 5_000));
    expect(await loader.current(Date.now())).toEqual([expect.objectContaining({ tokenId: 'tok-9', probability: 0.42 })]);

    await unlink(path);
    expect(await loader.current(Date.now())).toEqual([expect.objectContaining({ tokenId: 'tok-9', probability: 0.42 })]);
    expect(logs.some((log) => log['level'] === 'ERROR' && String(log['message']).includes('keeping the last 1'))).toBe(true);
  });

  it('loads forecasts from an http URL', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('token_id,probability\ntok-url,0.33\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { loader } = loaderFor(`http://127.0.0.1:${port}/forecasts.csv`);

      expect(await loader.current(Date.now())).toEqual([expect.objectContaining({ tokenId: 'tok-url', probability: 0.33 })]);
      expect(requests).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
