import { Command, InvalidArgumentError } from 'commander';
import { startSimulator } from './simulator.server';

function integer(name: string, min: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got "${value}"`);
    return parsed;
  };
}

async function main(): Promise<void> {
  const program = new Command()
    .name('polybot-simulator')
    .description('A local Polymarket (Gamma, CLOB REST with auth and matching, market and user websockets, Data API, Polygon JSON-RPC) for tests and offline runs')
    .option('--port <port>', 'port to listen on (0 = any free port)', integer('--port', 0), 9090)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <seed>', 'world seed', integer('--seed', 0), 42)
    .option('--events <count>', 'number of generated events', integer('--events', 0), 40)
    .option('--tick-ms <ms>', 'random-walk period in ms (0 = off)', integer('--tick-ms', 0), 1000)
    .option('--walk-steps <n>', 'steps per random-walk period, each over an equal share of the events (1 = the whole universe at once)', integer('--walk-steps', 1), 1)
    .option('--balance <usd>', 'pUSD every address starts with', integer('--balance', 0), 1000)
    .option('--settle-ms <ms>', 'time between a trade\'s MATCHED, MINED and CONFIRMED', integer('--settle-ms', 0), 300)
    .parse();
  const opts = program.opts<{ port: number; host: string; seed: number; events: number; tickMs: number; walkSteps: number; balance: number; settleMs: number }>();

  const sim = await startSimulator({
    port: opts.port,
    host: opts.host,
    seed: opts.seed,
    events: opts.events,
    tickIntervalMs: opts.tickMs,
    walkSteps: opts.walkSteps,
    startingBalanceUsd: opts.balance,
    settlementStepMs: opts.settleMs,
  });
  const env = {
    POLYBOT_GAMMA_API_URL: sim.gammaUrl,
    POLYBOT_CLOB_API_URL: sim.clobUrl,
    POLYBOT_CLOB_WS_URL: sim.wsUrl,
    POLYBOT_DATA_API_URL: sim.dataApiUrl,
    POLYBOT_POLYGON_RPC_URL: sim.rpcUrl,
  };
  process.stdout.write(
    `${JSON.stringify({
      msg: 'simulator listening',
      url: sim.url,
      gammaUrl: sim.gammaUrl,
      clobUrl: sim.clobUrl,
      dataApiUrl: sim.dataApiUrl,
      wsUrl: sim.wsUrl,
      rpcUrl: sim.rpcUrl,
      seed: opts.seed,
      events: opts.events,
      env: Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' '),
    })}\n`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    sim
      .close()
      .then(() => {
        process.stdout.write(`${JSON.stringify({ msg: 'simulator stopped', signal })}\n`);
        process.exit(0);
      })
      .catch((err: unknown) => {
        process.stderr.write(`${JSON.stringify({ msg: 'simulator failed to stop cleanly', error: String(err) })}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ msg: 'simulator failed to start', error: err instanceof Error ? err.message : String(err) })}\n`);
  process.exit(1);
});
