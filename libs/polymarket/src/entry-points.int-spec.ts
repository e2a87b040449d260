import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SIGNING = ['ethers', '@polymarket/clob-client-v2', 'viem'];

/** The packages of SIGNING a fresh Node process loads with `module` (built JS, as the services run it). */
function signingPackagesLoadedBy(module: string): string[] {
  const file = resolve(ROOT, module);
  if (!existsSync(file)) throw new Error(`${module} is missing: run npm run build first (npm test does)`);
  const script = `require(${JSON.stringify(file)});
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify(${JSON.stringify(SIGNING)}.filter((p) => loaded.some((f) => f.includes('/node_modules/' + p + '/')))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] } })) as string[];
}

describe('what the polymarket entry points load (each signing library costs every process that loads it RSS)', () => {
  it('the market-data entry point loads no signing library; the trading one does', () => {
    expect(signingPackagesLoadedBy('dist/libs/polymarket/src/index.js')).toEqual([]);
    expect(signingPackagesLoadedBy('dist/libs/polymarket/src/trading.js')).toEqual(expect.arrayContaining(['ethers', '@polymarket/clob-client-v2']));
  });

  it.each(['ingestor', 'strategy', 'api'])('the %s service, which never signs, loads no signing library', (app) => {
    expect(signingPackagesLoadedBy(`dist/apps/${app}/src/${app}.module.js`)).toEqual([]);
  });

  it('the risk service loads them only when it reads a live account (a dynamic import), not at start', () => {
    expect(signingPackagesLoadedBy('dist/apps/risk/src/risk.module.js')).toEqual([]);
  });
});
