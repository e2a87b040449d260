import { Command, InvalidArgumentError } from 'commander';

export interface BenchOptions {
  readonly sizes: number[];
  readonly quick: boolean;
  readonly profile: boolean;
  readonly defaultHeap: boolean;
  /** Extra node flags for the ingestor alone (a V8 experiment without a rebuild). */
  readonly ingestorFlags: string[];
  /** POLYBOT_BOOKS_RESYNC_CYCLES of the run: how often a cycle re-reads every book (and corrects the stream's). */
  readonly booksResyncCycles: number;
  /** Where every process's output is kept, per size (`<dir>/<tokens>/<name>.log`); undefined keeps only tails. */
  readonly logsDir?: string;
  readonly changes: number;
  readonly cycles: number;
  readonly loopSeconds: number;
  readonly tickMs: number;
  readonly walkSteps: number;
  readonly seed: number;
  readonly out: string;
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number >= 0, got "${value}"`);
    return n;
  };
}

function wholeAtLeastOne(name: string) {
  const whole = positiveInt(name);
  return (value: string): number => {
    const n = whole(value);
    if (n < 1) throw new InvalidArgumentError(`${name} must be at least 1, got "${value}"`);
    return n;
  };
}

function sizeList(value: string): number[] {
  const sizes = value.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100)) {
    throw new InvalidArgumentError(`--sizes takes comma-separated token counts >= 100 (e.g. 1000,10000), got "${value}"`);
  }
  return sizes;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const program = new Command()
    .name('npm run bench --')
    .description('polyb0t at full-universe scale: every service as a process, live against the simulator')
    .option('--sizes <list>', 'outcome-token counts to run', sizeList, [1_000, 10_000, 50_000])
    .option('--quick', 'fewer cycles and price changes (a smoke run, not a result)', false)
    .option('--profile', 'run the services under node --cpu-prof and summarize where the time goes', false)
    .option('--default-heap', "run the services with V8's own heap sizing instead of their SERVICE_HEAP_MB ceilings", false)
    .option('--ingestor-flags <flags>', 'extra node flags for the ingestor, space-separated (e.g. "--max-semi-space-size=32")', '')
    .option('--books-resync-cycles <n>', 'POLYBOT_BOOKS_RESYNC_CYCLES of the run (every n-th cycle re-reads every book; the first always does)', wholeAtLeastOne('--books-resync-cycles'), 30)
    .option('--logs-dir <dir>', "keep every process's output in <dir>/<tokens>/<name>.log (e.g. with --ingestor-flags \"--trace-gc\")")
    .option('--changes <n>', 'price changes to time per size (default 1000; 200 with --quick)', positiveInt('--changes'))
    .option('--cycles <n>', 'full cycles to measure per size (default 3; 2 with --quick)', positiveInt('--cycles'))
    .option('--loop-seconds <n>', 'POLYBOT_LOOP_INTERVAL_SECONDS of the run', positiveInt('--loop-seconds'), 10)
    .option('--tick-ms <ms>', 'simulator random-walk period (background price churn; 0 = off)', positiveInt('--tick-ms'), 5_000)
    .option('--walk-steps <n>', 'steps per random-walk period, each over an equal share of the events (1 = the whole universe in one burst)', wholeAtLeastOne('--walk-steps'), 50)
    .option('--seed <n>', 'simulator world seed', positiveInt('--seed'), 42)
    .option('--out <file>', 'results file', 'bench/results/latest.json')
    .parse(argv);
  const o = program.opts<{ sizes: number[]; quick: boolean; profile: boolean; defaultHeap: boolean; ingestorFlags: string; booksResyncCycles: number; logsDir?: string; changes?: number; cycles?: number; loopSeconds: number; tickMs: number; walkSteps: number; seed: number; out: string }>();
  return {
    sizes: o.sizes,
    quick: o.quick,
    profile: o.profile,
    defaultHeap: o.defaultHeap,
    ingestorFlags: o.ingestorFlags.split(' ').filter((flag) => flag !== ''),
    booksResyncCycles: o.booksResyncCycles,
    logsDir: o.logsDir,
    changes: o.changes ?? (o.quick ? 200 : 1_000),
    cycles: o.cycles ?? (o.quick ? 2 : 3),
    loopSeconds: o.loopSeconds,
    tickMs: o.tickMs,
    walkSteps: o.walkSteps,
    seed: o.seed,
    out: o.out,
  };
}
