import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { metricsPortFor, type MetricsService } from '@polybot/config';
import { createMetrics } from '@polybot/observability';

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const DASHBOARDS = join(DEPLOY, 'grafana', 'dashboards');
const SERVICES: MetricsService[] = ['ingestor', 'strategy', 'risk', 'executor', 'api'];
const INSTALL_HINT = 'install promtool (Debian: `apt-get install -y prometheus`), which .ci/run does when it is missing';
/** Labels Prometheus or our services add to every series. */
const TARGET_LABELS = ['service', 'job', 'instance'];
/** What each dashboard is for: the metrics it must chart. */
const DASHBOARD_METRICS: Record<string, string[]> = {
  'pipeline.json': [
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'nodejs_eventloop_lag_p99_seconds',
    'polybot_cycle_duration_seconds',
    'polybot_markets_per_cycle',
    'polybot_venue_calls_total',
    'polybot_data_age_seconds',
    'polybot_queue_waiting',
    'polybot_job_duration_seconds',
  ],
  'intents.json': [
    'polybot_intents_total', 'polybot_approval_latency_seconds', 'polybot_executions_total', 'polybot_signals_total', 'polybot_order_path_seconds',
    'polybot_owed_executions', 'polybot_owed_execution_overdue_seconds', 'polybot_owed_executions_read_at_seconds', 'polybot_execution_reruns_total',
  ],
  'risk.json': ['polybot_kill_switch_active', 'polybot_exposure_usd', 'polybot_risk_denials_total'],
  'pnl.json': ['polybot_pnl_usd'],
};

interface DeclaredMetric {
  readonly type: 'Counter' | 'Gauge' | 'Histogram';
  readonly labels: string[];
}

interface Panel {
  id: number;
  title: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; datasource?: { type?: string; uid?: string }; refId?: string }[];
}

interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list: { name: string; type: string; query?: string }[] };
}

interface ComposeService {
  environment?: Record<string, string | null>;
  volumes?: string[];
}

/** Metric names, types and label names as libs/observability/src/metrics.ts declares them. */
function declaredMetrics(): Map<string, DeclaredMetric> {
  const source = readFileSync(join(ROOT, 'libs', 'observability', 'src', 'metrics.ts'), 'utf8');
  const declared = new Map<string, DeclaredMetric>();
  for (const match of source.matchAll(/new (Counter|Gauge|Histogram)\(\{\s*name:\s*'(polybot_[a-z0-9_]+)'([\s\S]*?)\}\)/g)) {
    const labelList = /labelNames:\s*\[([^\]]*)\]/.exec(match[3])?.[1] ?? '';
    const labels = [...labelList.matchAll(/'([^']+)'/g)].map((label) => label[1]);
    declared.set(match[2], { type: match[1] as DeclaredMetric['type'], labels });
  }
  return declared;
}

/** Node's process metrics (prom-client's defaults, which every service exports): name, type and labels. */
async function processMetrics(): Promise<Map<string, DeclaredMetric>> {
  const types = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' } as const;
  const metrics = await createMetrics('probe', { collectDefault: true }).registry.getMetricsAsJSON();
  const known = new Map<string, DeclaredMetric>();
  for (const metric of metrics) {
    if (metric.name.startsWith('polybot_')) continue;
    const labels = [...new Set(metric.values.flatMap((value) => Object.keys(value.labels)))];
    known.set(metric.name, { type: types[String(metric.type) as keyof typeof types], labels });
  }
  return known;
}

/** The series names a metric exposes: a histogram's _bucket, _sum and _count instead of its own name. */
function seriesNames(declared: Map<string, DeclaredMetric>): Map<string, string> {
  const series = new Map<string, string>();
  for (const [name, metric] of declared) {
    const names = metric.type === 'Histogram' ? ['_bucket', '_sum', '_count'].map((suffix) => `${name}${suffix}`) : [name];
    for (const seriesName of names) series.set(seriesName, name);
  }
  return series;
}

/** Label names a PromQL expression groups by or matches on. */
function labelsUsed(expr: string): string[] {
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) => match[1].split(','));
  const matched = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((match) => [...match[1].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]));
  return [...new Set([...grouped, ...matched].map((label) => label.trim()).filter((label) => label !== ''))];
}

function metricNamesUsed(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\b(?:polybot|process|nodejs)_[a-z0-9_]+\b/g)].map((match) => match[0]))];
}

/** Grafana's interval macros are not PromQL; give them a value Prometheus accepts. */
function asPromQl(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m');
}

function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { encoding: 'utf8' });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `promtool is not installed: ${INSTALL_HINT}` : `promtool could not run: ${result.error.message}`);
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Parses expressions the way Prometheus would, by checking them as recording rules. */
function checkPromQl(exprs: string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'polybot-promql-'));
  try {
    const file = join(dir, 'dashboards.rules.yml');
    const rules = exprs.map((expr, index) => ({ record: `polybot_dashboard:expr_${index}`, expr: asPromQl(expr) }));
    writeFileSync(file, stringify({ groups: [{ name: 'dashboards', rules }] }));
    return promtool('check', 'rules', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loadDashboards(): { file: string; dashboard: Dashboard }[] {
  return readdirSync(DASHBOARDS)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as Dashboard }));
}

function composeServices(): Record<string, ComposeService> {
  return (parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> }).services;
}

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function loadAlertRules(): AlertRule[] {
  const file = parse(readFileSync(join(DEPLOY, 'prometheus', 'alerts.yml'), 'utf8')) as { groups: { rules: AlertRule[] }[] };
  return file.groups.flatMap((group) => group.rules);
}

/** Alerts that must exist: what a person must hear of at once, or today. */
const REQUIRED_ALERTS: Record<string, 'critical' | 'warning'> = {
  PolybotExecutionNotSettled: 'critical',
  PolybotExecutionOverdue: 'critical',
  PolybotApprovedIntentNotTaken: 'critical',
  PolybotOwedExecutionsUnread: 'critical',
  PolybotExecutionRerunning: 'warning',
  PolybotKillSwitchTripped: 'warning',
  PolybotServiceDown: 'critical',
};

const dashboards = loadDashboards();
const queries = dashboards.flatMap(({ file, dashboard }) =>
  dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ file, panel: panel.title, expr: target.expr ?? '' }))),
);

describe('monitoring files (deploy/prometheus, deploy/grafana)', () => {
  describe('Prometheus', () => {
    const configFile = join(DEPLOY, 'prometheus', 'prometheus.yml');

    it('has a config promtool accepts', () => {
      const result = promtool('check', 'config', configFile);
      expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });

    it('scrapes every service by its compose name on POLYBOT_METRICS_PORT + its offset', () => {
      const services = composeServices();
      const config = parse(readFileSync(configFile, 'utf8')) as { scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[] };
      const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets.map((target) => ({ job, target }))));
      for (const name of SERVICES) {
        const base = Number(services[name].environment?.POLYBOT_METRICS_PORT);
        const found = targets.find(({ target }) => target === `${name}:${metricsPortFor(name, base)}`);
        expect({ name, job: found?.job.job_name, path: found?.job.metrics_path ?? '/metrics' }).toEqual({ name, job: name, path: '/metrics' });
      }
    });
  });

  describe('alerting rules (deploy/prometheus/alerts.yml)', () => {
    const alertsFile = join(DEPLOY, 'prometheus', 'alerts.yml');
    const rules = loadAlertRules();
    let declared: Map<string, DeclaredMetric>;
    let series: Map<string, string>;

    beforeAll(async () => {
      declared = new Map([...(await processMetrics()), ...declaredMetrics()]);
      series = seriesNames(declared);
    });

    it('are rules promtool accepts, loaded by the config from where compose mounts them', () => {
      expect(promtool('check', 'rules', alertsFile)).toEqual({ status: 0, output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
      const config = parse(readFileSync(join(DEPLOY, 'prometheus', 'prometheus.yml'), 'utf8')) as { rule_files?: string[] };
      expect(config.rule_files).toEqual(['alerts.yml']);
      const mounts = (composeServices().prometheus.volumes ?? []).map((volume) => volume.split(':'));
      expect(mounts).toEqual(expect.arrayContaining([['./deploy/prometheus/alerts.yml', '/etc/prometheus/alerts.yml', 'ro']]));
    });

    it('pass their unit tests (alerts.test.yml: each alert fires on series shaped as ours, and only then)', () => {
      const result = promtool('test', 'rules', join(DEPLOY, 'prometheus', 'alerts.test.yml'));
      expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
      const tested = readFileSync(join(DEPLOY, 'prometheus', 'alerts.test.yml'), 'utf8');
      for (const rule of rules) expect({ alert: rule.alert, tested: tested.includes(`alertname: ${rule.alert}`) }).toEqual({ alert: rule.alert, tested: true });
    });

    it('include every alert a person must hear of, with its severity, a summary and a description', () => {
      const severities = Object.fromEntries(rules.map((rule) => [rule.alert, rule.labels?.severity]));
      expect(severities).toEqual(expect.objectContaining(REQUIRED_ALERTS));
      for (const rule of rules) {
        expect({ alert: rule.alert, severity: ['critical', 'warning'].includes(rule.labels?.severity ?? '') }).toEqual({ alert: rule.alert, severity: true });
        expect({ alert: rule.alert, summary: Boolean(rule.annotations?.summary), description: Boolean(rule.annotations?.description) })
          .toEqual({ alert: rule.alert, summary: true, description: true });
      }
    });

    it('use only metrics and labels our services export', () => {
      for (const rule of rules) {
        const names = metricNamesUsed(rule.expr);
        for (const name of names) expect({ alert: rule.alert, name, declared: series.has(name) }).toEqual({ alert: rule.alert, name, declared: true });
        const allowed = new Set([...TARGET_LABELS, ...names.flatMap((name) => declared.get(series.get(name) ?? '')?.labels ?? [])]);
        for (const label of labelsUsed(rule.expr)) expect({ alert: rule.alert, label, known: allowed.has(label) }).toEqual({ alert: rule.alert, label, known: true });
      }
    });
  });

  describe('Grafana provisioning', () => {
    const grafana = (): ComposeService => composeServices().grafana;
    const mountTarget = (sourceSuffix: string): string | undefined =>
      (grafana().volumes ?? []).map((volume) => volume.split(':')).find(([source]) => source.replace(/\/$/, '').endsWith(sourceSuffix))?.[1];

    it('provisions the compose Prometheus as the default data source', () => {
      const file = parse(readFileSync(join(DEPLOY, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as {
        datasources: { type: string; url: string; isDefault?: boolean }[];
      };
      expect(file.datasources).toEqual([expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true })]);
      expect(composeServices().prometheus).toBeDefined();
    });

    it('loads dashboards from where compose mounts deploy/grafana/dashboards', () => {
      const file = parse(readFileSync(join(DEPLOY, 'grafana', 'provisioning', 'dashboards', 'polybot.yml'), 'utf8')) as {
        providers: { type: string; options: { path: string } }[];
      };
      expect(file.providers).toEqual([expect.objectContaining({ type: 'file', options: expect.objectContaining({ path: expect.any(String) }) })]);
      expect(mountTarget('deploy/grafana/dashboards')).toBe(file.providers[0].options.path);
      expect(mountTarget('deploy/grafana/provisioning')).toBe('/etc/grafana/provisioning');
    });
  });

  describe('dashboards', () => {
    const ours = declaredMetrics();
    let declared: Map<string, DeclaredMetric>;
    let series: Map<string, string>;

    beforeAll(async () => {
      declared = new Map([...(await processMetrics()), ...ours]);
      series = seriesNames(declared);
    });

    it('has the pipeline, intents, risk and P&L dashboards, with unique uids and titles', () => {
      expect(dashboards.map(({ file }) => file)).toEqual(Object.keys(DASHBOARD_METRICS).sort());
      expect(new Set(dashboards.map(({ dashboard }) => dashboard.uid)).size).toBe(dashboards.length);
      expect(new Set(dashboards.map(({ dashboard }) => dashboard.title)).size).toBe(dashboards.length);
    });

    it.each(Object.entries(DASHBOARD_METRICS))('%s charts %j', (file, metrics) => {
      const used = new Set(queries.filter((query) => query.file === file).flatMap((query) => metricNamesUsed(query.expr).map((name) => series.get(name) ?? name)));
      for (const metric of metrics) expect({ file, metric, charted: used.has(metric) }).toEqual({ file, metric, charted: true });
    });

    it('charts every metric of ours somewhere', () => {
      const used = new Set(queries.flatMap((query) => metricNamesUsed(query.expr).map((name) => series.get(name) ?? name)));
      expect([...ours.keys()].filter((name) => !used.has(name))).toEqual([]);
    });

    it('queries only metrics libs/observability declares or the services export from Node, with the series names they expose', () => {
      expect(ours.size).toBeGreaterThanOrEqual(13);
      expect(declared.get('process_resident_memory_bytes')?.type).toBe('Gauge');
      for (const query of queries) {
        const names = metricNamesUsed(query.expr);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) expect({ panel: query.panel, name, declared: series.has(name) }).toEqual({ panel: query.panel, name, declared: true });
      }
    });

    it('groups and filters only on labels those metrics have', () => {
      for (const query of queries) {
        const metrics = metricNamesUsed(query.expr).map((name) => ({ name, metric: declared.get(series.get(name) ?? '') }));
        const allowed = new Set([
          ...TARGET_LABELS,
          ...metrics.flatMap(({ metric }) => metric?.labels ?? []),
          ...(metrics.some(({ name }) => name.endsWith('_bucket')) ? ['le'] : []),
        ]);
        for (const label of labelsUsed(query.expr)) expect({ panel: query.panel, label, known: allowed.has(label) }).toEqual({ panel: query.panel, label, known: true });
      }
    });

    it('has only queries Prometheus can parse', () => {
      expect(checkPromQl(queries.map((query) => query.expr))).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });

    it('reports an unparsable query, an unknown metric and an unknown label (the checks themselves work)', () => {
      expect(checkPromQl(['sum by (queue (polybot_queue_waiting)']).status).not.toBe(0);
      expect(series.has('polybot_cycle_duration_seconds')).toBe(false);
      expect(series.has('nodejs_made_up_seconds')).toBe(false);
      expect(series.has('polybot_cycle_duration_seconds_bucket')).toBe(true);
      expect(labelsUsed('sum by (le, queue) (rate(polybot_job_duration_seconds_bucket{outcome!="ok"}[5m]))')).toEqual(['le', 'queue', 'outcome']);
    });

    it.each(dashboards.map(({ file, dashboard }) => [file, dashboard] as const))('%s picks its data source through the datasource variable', (_, dashboard) => {
      expect(dashboard.templating?.list).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' })]));
      expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
      for (const panel of dashboard.panels) {
        expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(panel.targets?.length).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) expect(target.datasource).toEqual(panel.datasource);
      }
    });
  });
});
