import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { metricsPortFor, serviceNodeFlags, type MetricsService } from '@polybot/config';

const ROOT = join(__dirname, '..', '..');
const SERVICES: MetricsService[] = ['ingestor', 'strategy', 'risk', 'executor', 'api'];
const POLYBOT_CONTAINERS = ['migrate', ...SERVICES];
/** The only containers published on the host, both on 127.0.0.1: the API and Grafana. */
const PUBLISHED = ['api', 'grafana'];
const INSTALL_HINT = 'install Compose v1 (Debian: `apt-get install -y docker-compose`), which .ci/run does when it is missing';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: (string | { host_ip?: string; target?: number; published?: string | number })[];
  restart?: string;
  profiles?: string[];
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

/**
 * Runs docker-compose on the project's file with no POLYBOT_/COMPOSE_ variables leaking in from
 * this shell, but the API token a real deployment must supply.
 */
function compose(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return composeWith({ POLYBOT_API_TOKEN: 'ops:compose-validation-token' }, ...args);
}

function composeWith(extra: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...extra };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('POLYBOT_') && !name.startsWith('COMPOSE_')) env[name] = value;
  }
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `docker-compose is not installed: ${INSTALL_HINT}` : `docker-compose could not run: ${result.error.message}`,
    );
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function commandOf(service: ComposeService): string[] {
  return typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
}

function healthTarget(service: ComposeService): URL {
  const test = service.healthcheck?.test;
  const text = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const url = /fetch\('([^']+)'\)/.exec(text)?.[1];
  if (!url) throw new Error(`healthcheck does not fetch a URL: ${text || '(none)'}`);
  return new URL(url);
}

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

/** Compose v1 normalizes volumes to "source:target:mode" (mode rw when writable); v2 to objects. */
function mounts(service: ComposeService): { source: string; target: string; mode: string }[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      return { source: volume.source ?? '', target: volume.target ?? '', mode: volume.read_only ? 'ro' : 'rw' };
    }
    const [source, target, mode = ''] = volume.split(':');
    return { source, target, mode };
  });
}

/** Compose v1 normalizes ports to "ip:published:target/proto"; v2 to objects. */
function publishedPorts(service: ComposeService): { hostIp: string | undefined; published: number; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return { hostIp: port.host_ip, published: Number(port.published), target: Number(port.target) };
    const parts = port.replace(/\/\w+$/, '').split(':');
    const target = Number(parts.pop());
    const published = Number(parts.pop());
    return { hostIp: parts.length ? parts.join(':') : undefined, published, target };
  });
}

describe('deploy files (docker-compose.yml, Dockerfile, .dockerignore)', () => {
  let stack: ComposeFile;

  beforeAll(() => {
    const result = compose('config');
    if (result.status !== 0) throw new Error(`docker-compose config failed (exit ${result.status}): ${result.stderr.trim()}`);
    stack = parse(result.stdout) as ComposeFile;
  });

  it('refuses to run without an API token, since the API listens beyond loopback there', () => {
    const result = composeWith({}, 'config', '-q');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set POLYBOT_API_TOKEN in .env');
  });

  it('is a valid compose file (docker-compose config -q exits 0)', () => {
    const result = compose('config', '-q');
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });

  it('defines the databases, the migration job and all five services', () => {
    expect(Object.keys(stack.services)).toEqual(expect.arrayContaining(['postgres', 'redis', ...POLYBOT_CONTAINERS]));
    expect(stack.services.postgres.image).toMatch(/^postgres:15/);
    expect(stack.services.redis.image).toMatch(/^redis:7/);
  });

  it('runs every polybot container from the one project image', () => {
    const images = new Set(POLYBOT_CONTAINERS.map((name) => stack.services[name].image));
    expect(images.size).toBe(1);
    for (const name of POLYBOT_CONTAINERS) expect(stack.services[name].build).toBeDefined();
  });

  it('migrates once, after Postgres is healthy, and is not restarted', () => {
    const migrate = stack.services.migrate;
    expect(commandOf(migrate)).toEqual(['node', 'bin/polyb0t.js', 'db', 'init']);
    expect(dependencies(migrate)).toEqual({ postgres: 'service_healthy' });
    expect(migrate.restart ?? 'no').toBe('no');
  });

  it.each(SERVICES)('%s starts only after healthy Postgres and Redis and a successful migration', (name) => {
    expect(dependencies(stack.services[name])).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      migrate: 'service_completed_successfully',
    });
    expect(stack.services[name].restart).toBe('unless-stopped');
  });

  it.each(SERVICES)('%s runs its own compiled entry point, which the build produces', (name) => {
    const command = commandOf(stack.services[name]);
    expect(command).toEqual(['node', ...serviceNodeFlags(name), `dist/apps/${name}/src/main.js`]);
    expect(existsSync(join(ROOT, command[command.length - 1]))).toBe(true);
  });

  it('has every long-running container health-checked (the one-shot migration exits instead)', () => {
    const longRunning = Object.entries(stack.services).filter(([name]) => name !== 'migrate');
    for (const [name, service] of longRunning) {
      expect({ name, test: service.healthcheck?.test, disabled: service.healthcheck?.disable ?? false }).toEqual({
        name,
        test: expect.arrayContaining([expect.any(String)]),
        disabled: false,
      });
    }
    expect(stack.services.postgres.healthcheck?.test).toContain('pg_isready');
    expect(stack.services.redis.healthcheck?.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it.each(SERVICES.filter((name) => name !== 'api'))('%s is health-checked on its own metrics port', (name) => {
    const env = stack.services[name].environment ?? {};
    const url = healthTarget(stack.services[name]);
    expect(url.pathname).toBe('/metrics');
    expect(Number(url.port)).toBe(metricsPortFor(name, Number(env.POLYBOT_METRICS_PORT)));
  });

  it('health-checks the API on GET /health at its own port and publishes it on 127.0.0.1 only', () => {
    const api = stack.services.api;
    const apiPort = Number(api.environment?.POLYBOT_API_PORT);
    const url = healthTarget(api);
    expect({ path: url.pathname, port: Number(url.port) }).toEqual({ path: '/health', port: apiPort });
    expect(publishedPorts(api)).toEqual([{ hostIp: '127.0.0.1', published: 8000, target: apiPort }]);
    for (const [name, service] of Object.entries(stack.services)) {
      if (!PUBLISHED.includes(name)) expect({ name, ports: service.ports ?? [] }).toEqual({ name, ports: [] });
    }
  });

  describe('monitoring (prometheus, grafana)', () => {
    it('runs Prometheus with the project scrape config, mounted read-only, published nowhere', () => {
      const prometheus = stack.services.prometheus;
      expect(prometheus.image).toMatch(/^prom\/prometheus:v\d/);
      expect(mounts(prometheus)).toEqual(
        expect.arrayContaining([{ source: join(ROOT, 'deploy/prometheus/prometheus.yml'), target: '/etc/prometheus/prometheus.yml', mode: 'ro' }]),
      );
      expect(commandOf(prometheus)).toContain('--config.file=/etc/prometheus/prometheus.yml');
      expect(prometheus.ports ?? []).toEqual([]);
    });

    it('runs Grafana with the provisioning and dashboards mounted read-only, on 127.0.0.1:3000 only', () => {
      const grafana = stack.services.grafana;
      expect(grafana.image).toMatch(/^grafana\/grafana:\d/);
      expect(mounts(grafana)).toEqual(
        expect.arrayContaining([
          { source: join(ROOT, 'deploy/grafana/provisioning'), target: '/etc/grafana/provisioning', mode: 'ro' },
          { source: join(ROOT, 'deploy/grafana/dashboards'), target: '/var/lib/grafana/dashboards', mode: 'ro' },
        ]),
      );
      expect(publishedPorts(grafana)).toEqual([{ hostIp: '127.0.0.1', published: 3000, target: 3000 }]);
      expect(dependencies(grafana)).toEqual({ prometheus: 'service_healthy' });
    });

    it('mounts only files that exist in the repository, and keeps data in named volumes', () => {
      for (const name of ['prometheus', 'grafana']) {
        const binds = mounts(stack.services[name]).filter((mount) => mount.source.startsWith('/'));
        expect(binds.length).toBeGreaterThan(0);
        for (const mount of binds) expect({ name, source: mount.source, exists: existsSync(mount.source) }).toEqual({ name, source: mount.source, exists: true });
        expect(mounts(stack.services[name]).filter((mount) => !mount.source.startsWith('/'))).toEqual([
          { source: `${name}-data`, target: expect.any(String), mode: expect.stringMatching(/^(rw)?$/) },
        ]);
      }
    });

    it('needs nothing from the trading stack to start (a dead target is just a failed scrape)', () => {
      expect(Object.keys(dependencies(stack.services.prometheus))).toEqual([]);
    });
  });

  it('runs every polybot container in dry-run against the compose Postgres and Redis', () => {
    for (const name of POLYBOT_CONTAINERS) {
      const env = stack.services[name].environment ?? {};
      expect({ name, dryRun: env.POLYBOT_DRY_RUN, db: env.POLYBOT_DATABASE_URL, redis: env.POLYBOT_REDIS_URL }).toEqual({
        name,
        dryRun: 'true',
        db: expect.stringMatching(/^postgres:\/\/[^@]+@postgres:5432\//),
        redis: 'redis://redis:6379',
      });
    }
  });

  it('keeps the simulator behind the offline profile, running its compiled entry point', () => {
    const simulator = stack.services.simulator;
    expect(simulator.profiles).toEqual(['offline']);
    const command = commandOf(simulator);
    expect(command.slice(0, 2)).toEqual(['node', 'dist/libs/simulator/src/main.js']);
    expect(existsSync(join(ROOT, command[1]))).toBe(true);
    expect(healthTarget(simulator).port).toBe(command[command.indexOf('--port') + 1]);
  });

  describe('Dockerfile', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const instructions = dockerfile
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    const lastFrom = instructions.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
    const runtime = instructions.slice(lastFrom);

    it('builds in a separate stage and ships a node:20-bookworm-slim runtime stage', () => {
      expect(instructions.filter((line) => /^FROM\s/i.test(line)).length).toBeGreaterThanOrEqual(2);
      expect(runtime[0]).toMatch(/^FROM node:20-bookworm-slim\b/i);
    });

    it('installs production dependencies only and copies the compiled dist/ and bin/', () => {
      expect(runtime).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm ci\b.*--omit=dev/)]));
      expect(runtime).toEqual(expect.arrayContaining([expect.stringMatching(/^COPY --from=\S+ \S*\/dist \.\/dist$/)]));
      expect(runtime).toEqual(expect.arrayContaining([expect.stringMatching(/^COPY bin \.\/bin$/)]));
      expect(runtime).toContain('ENV NODE_ENV=production');
    });

    it('does not run as root', () => {
      const users = runtime.filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
      expect(users.length).toBeGreaterThan(0);
      expect(users[users.length - 1]).not.toMatch(/^(root|0)(:.*)?$/);
      const lastUser = runtime.map((line) => /^USER\s/i.test(line)).lastIndexOf(true);
      const cmd = runtime.findIndex((line) => /^CMD\s/i.test(line));
      expect(lastUser).toBeLessThan(cmd);
    });

    it('defaults to the CLI help', () => {
      expect(runtime.filter((line) => /^CMD\s/i.test(line))).toEqual(['CMD ["node", "bin/polyb0t.js", "--help"]']);
    });
  });

  it('keeps secrets, dependencies and build output out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'tmp', '.env', 'coverage', 'bench/results']));
  });
});
