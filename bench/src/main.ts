import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseBenchOptions } from './bench.options';
import { ROOT } from './child.process';
import { machineInfo } from './machine.info';
import { progress } from './progress';
import { measureThreeHopFloor } from './queue-floor.bench';
import { judgeTargets, machineLine, markdownTable, targetsTable, type BenchResults } from './report';
import { runSize, type SizeResult } from './size.run';

interface SizeFailure {
  readonly tokens: number;
  readonly error: string;
}

const CAVEAT =
  'Shared 2-core machine: other engineers may have been running tests at the same time; the load averages before/after each size are recorded with it.';

async function main(): Promise<void> {
  const opts = parseBenchOptions(process.argv);
  const redisUrl = process.env['POLYBOT_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  progress(`machine: ${machine.nproc} cores, ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}; sizes ${opts.sizes.join(', ')}${opts.quick ? ' (quick)' : ''}; ${opts.tickMs > 0 ? `random walk every ${opts.tickMs} ms in ${opts.walkSteps} step(s)` : 'no random walk'}`);
  progress('baseline: three BullMQ hops, no-op job');
  const threeHopFloor = await measureThreeHopFloor(redisUrl, opts.quick ? 300 : 1_000);
  progress(`three-hop floor p50 ${threeHopFloor.p50} ms, p99 ${threeHopFloor.p99} ms`);

  const sizes: SizeResult[] = [];
  const failures: SizeFailure[] = [];
  const out = resolve(ROOT, opts.out);
  mkdirSync(dirname(out), { recursive: true });
  const build = (): BenchResults => ({
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    settings: { quick: opts.quick, defaultHeap: opts.defaultHeap, ingestorFlags: opts.ingestorFlags, booksResyncCycles: opts.booksResyncCycles, loopSeconds: opts.loopSeconds, tickMs: opts.tickMs, walkSteps: opts.walkSteps, changes: opts.changes, cycles: opts.cycles, seed: opts.seed },
    caveat: CAVEAT,
    baselines: { threeHopFloor },
    sizes,
    failures,
    targets: sizes.flatMap((s) => judgeTargets(s, threeHopFloor, opts.loopSeconds)),
  });
  // A size that cannot finish is itself a result: recorded, and the other sizes still run.
  for (const tokens of opts.sizes) {
    try {
      sizes.push(await runSize(tokens, opts, redisUrl));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      failures.push({ tokens, error: message });
      progress(`N=${tokens}: FAILED: ${message}`);
    }
    writeFileSync(out, `${JSON.stringify(build(), null, 2)}\n`);
  }
  const results = build();
  progress(`wrote ${out}`);
  const failed = failures.map((f) => `- N = ${f.tokens}: could not finish: ${f.error}`).join('\n');
  process.stdout.write(`\n${machineLine(results)}\n\n${markdownTable(results)}\n\n${targetsTable(results)}\n\n${failed ? `${failed}\n\n` : ''}${CAVEAT}\n`);
}

main()
  // Subscriber and pool connections would keep the process alive; everything is written by now.
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
