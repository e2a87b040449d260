import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer, IPodSpec, IProbe } from 'kubernetes-models/v1';
import { metricsPortFor, SERVICE_HEAP_MB, serviceNodeFlags, SETTINGS_DOC, type MetricsService } from '@polybot/config';

const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'k8s');
const SERVICES: MetricsService[] = ['ingestor', 'strategy', 'risk', 'executor', 'api'];
const AUTOSCALED = ['strategy', 'risk', 'executor'];
const BASE_METRICS_PORT = 9464;
const NAMESPACE = 'polybot';

interface Manifest {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { name?: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Validates one object against its Kubernetes schema; the kinds we ship and nothing else. */
const VALIDATORS: Record<string, (object: Manifest) => void> = {
  'v1/Namespace': (object) => new Namespace(object as never).validate(),
  'v1/ConfigMap': (object) => new ConfigMap(object as never).validate(),
  'v1/Secret': (object) => new Secret(object as never).validate(),
  'v1/Service': (object) => new Service(object as never).validate(),
  'apps/v1/Deployment': (object) => new Deployment(object as never).validate(),
  'batch/v1/Job': (object) => new Job(object as never).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (object) => new HorizontalPodAutoscaler(object as never).validate(),
};

function loadManifests(): Manifest[] {
  const files = readdirSync(K8S).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map((document, index) => {
      if (document.errors.length > 0) throw new Error(`${file} document ${index + 1}: ${document.errors[0].message}`);
      const object = document.toJSON() as Manifest | null;
      if (!object || typeof object !== 'object') throw new Error(`${file} document ${index + 1} is empty`);
      return { ...object, file };
    }),
  );
}

function key(object: Manifest): string {
  return `${object.apiVersion}/${object.kind}`;
}

function validate(object: Manifest): void {
  const validator = VALIDATORS[key(object)];
  if (!validator) throw new Error(`${object.file}: unknown kind ${key(object)}`);
  const { file: _file, ...manifest } = object;
  validator(manifest as Manifest);
}

const manifests = loadManifests();
const ofKind = (kind: string): Manifest[] => manifests.filter((object) => object.kind === kind);
const deployments = ofKind('Deployment').map((object) => ({ file: object.file, model: new Deployment(object as never) }));
const podSpecOf = (name: string): IPodSpec => {
  const found = deployments.find(({ model }) => model.metadata?.name === `polybot-${name}`);
  if (!found?.model.spec?.template.spec) throw new Error(`no Deployment polybot-${name}`);
  return found.model.spec.template.spec;
};
const containerOf = (spec: IPodSpec): IContainer => {
  expect(spec.containers).toHaveLength(1);
  return spec.containers[0];
};
const job = new Job(ofKind('Job')[0] as never);
const jobSpec = (): IPodSpec => job.spec?.template.spec as IPodSpec;

function probeTarget(probe: IProbe | undefined, container: IContainer): { path: string | undefined; port: number | undefined } {
  const port = probe?.httpGet?.port;
  const number = typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
  return { path: probe?.httpGet?.path, port: number };
}

function expectNonRoot(spec: IPodSpec, container: IContainer): void {
  expect(spec.securityContext?.runAsNonRoot).toBe(true);
  expect(spec.securityContext?.runAsUser).toBeGreaterThan(0);
  expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
  expect(container.securityContext?.runAsUser ?? spec.securityContext?.runAsUser).not.toBe(0);
  expect(container.securityContext?.privileged ?? false).toBe(false);
  expect(container.securityContext?.capabilities?.drop).toContain('ALL');
}

function expectSettingsFromConfigAndSecret(container: IContainer): void {
  expect(container.envFrom).toEqual([
    { configMapRef: { name: 'polybot-config' } },
    { secretRef: { name: 'polybot-secrets' } },
  ]);
}

describe('Kubernetes manifests (k8s/)', () => {
  it('has only the kinds we ship, each valid against its Kubernetes schema', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const object of manifests) expect(() => validate(object)).not.toThrow();
  });

  it('fails validation on an unknown kind or a malformed object (the check itself works)', () => {
    expect(() => validate({ file: 'x.yaml', apiVersion: 'v1', kind: 'Pod' })).toThrow('unknown kind v1/Pod');
    const broken = JSON.parse(JSON.stringify(ofKind('Deployment')[0])) as Manifest & { spec: { replicas?: unknown; selector?: unknown } };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas/);
  });

  it('puts every object in the polybot namespace, which it defines', () => {
    expect(ofKind('Namespace').map((object) => object.metadata?.name)).toEqual([NAMESPACE]);
    for (const object of manifests.filter((candidate) => candidate.kind !== 'Namespace')) {
      expect({ object: `${object.file} ${object.kind}`, namespace: object.metadata?.namespace }).toEqual({
        object: `${object.file} ${object.kind}`,
        namespace: NAMESPACE,
      });
    }
  });

  it('has one Deployment per service, all from the image the migration Job uses', () => {
    expect(deployments.map(({ model }) => model.metadata?.name).sort()).toEqual(SERVICES.map((name) => `polybot-${name}`).sort());
    const image = containerOf(jobSpec()).image;
    expect(image).toMatch(/^\S+:\S+$/);
    for (const name of SERVICES) expect({ name, image: containerOf(podSpecOf(name)).image }).toEqual({ name, image });
  });

  it.each(SERVICES)('%s runs its compiled entry point, which the build produces', (name) => {
    const command = containerOf(podSpecOf(name)).command ?? [];
    expect(command).toEqual(['node', ...serviceNodeFlags(name), `dist/apps/${name}/src/main.js`]);
    expect(existsSync(join(ROOT, command[command.length - 1]))).toBe(true);
  });

  it.each(SERVICES)('%s reads its settings from the ConfigMap and the Secret', (name) => {
    const container = containerOf(podSpecOf(name));
    expectSettingsFromConfigAndSecret(container);
    expect(container.env ?? []).toEqual([]);
  });

  it.each(SERVICES)('%s has CPU and memory requests and limits', (name) => {
    const resources = containerOf(podSpecOf(name)).resources;
    for (const kind of ['requests', 'limits'] as const) {
      expect(resources?.[kind]).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    }
  });

  it.each(SERVICES)("%s's memory limit leaves room above its V8 heap ceiling (else the kernel kills it before V8 collects)", (name) => {
    const limit = String(containerOf(podSpecOf(name)).resources?.limits?.memory);
    const mib = /^(\d+)Mi$/.exec(limit) ?? /^(\d+)Gi$/.exec(limit);
    expect(mib).not.toBeNull();
    const limitMib = Number(mib?.[1]) * (limit.endsWith('Gi') ? 1024 : 1);
    // Code, young generation, buffers and native memory sit outside the old-space ceiling.
    expect(limitMib).toBeGreaterThanOrEqual(SERVICE_HEAP_MB[name] + 256);
  });

  it.each(SERVICES)('%s runs as non-root with no privilege escalation and a read-only root file system', (name) => {
    const spec = podSpecOf(name);
    const container = containerOf(spec);
    expectNonRoot(spec, container);
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  it.each(SERVICES)('%s exposes /metrics on POLYBOT_METRICS_PORT + its offset and is annotated for Prometheus', (name) => {
    const found = deployments.find(({ model }) => model.metadata?.name === `polybot-${name}`);
    const container = containerOf(podSpecOf(name));
    const port = metricsPortFor(name, BASE_METRICS_PORT);
    expect(container.ports).toEqual(expect.arrayContaining([{ name: 'metrics', containerPort: port }]));
    expect(found?.model.spec?.template.metadata?.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': '/metrics',
    });
  });

  it.each(SERVICES.filter((name) => name !== 'api'))('%s is probed for readiness and liveness on its own /metrics', (name) => {
    const container = containerOf(podSpecOf(name));
    const metrics = { path: '/metrics', port: metricsPortFor(name, BASE_METRICS_PORT) };
    expect(probeTarget(container.readinessProbe, container)).toEqual(metrics);
    expect(probeTarget(container.livenessProbe, container)).toEqual(metrics);
  });

  it('probes the API: ready on GET /health at POLYBOT_API_PORT, alive on its /metrics', () => {
    const container = containerOf(podSpecOf('api'));
    expect(probeTarget(container.readinessProbe, container)).toEqual({ path: '/health', port: Number(configData().POLYBOT_API_PORT) });
    expect(probeTarget(container.livenessProbe, container)).toEqual({ path: '/metrics', port: metricsPortFor('api', BASE_METRICS_PORT) });
  });

  it('has a Service for every Deployment, whose named ports the pods define', () => {
    for (const name of SERVICES) {
      const service = new Service(ofKind('Service').find((object) => object.metadata?.name === `polybot-${name}`) as never);
      const deployment = deployments.find(({ model }) => model.metadata?.name === `polybot-${name}`)?.model;
      expect(service.spec?.selector).toEqual(deployment?.spec?.selector.matchLabels);
      expect(deployment?.spec?.template.metadata?.labels).toEqual(expect.objectContaining(service.spec?.selector));
      const podPorts = containerOf(podSpecOf(name)).ports?.map((port) => port.name);
      for (const port of service.spec?.ports ?? []) expect(podPorts).toContain(port.targetPort);
    }
  });

  it('autoscales strategy, risk and executor on CPU (autoscaling/v2), and nothing else', () => {
    const hpas = ofKind('HorizontalPodAutoscaler').map((object) => new HorizontalPodAutoscaler(object as never));
    expect(hpas.map((hpa) => hpa.spec?.scaleTargetRef.name).sort()).toEqual(AUTOSCALED.map((name) => `polybot-${name}`).sort());
    for (const hpa of hpas) {
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: expect.any(String) });
      expect(hpa.spec?.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } },
      ]);
      expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? 1);
    }
    // The autoscaler owns the replica count; a fixed one would be reset on every apply.
    for (const name of AUTOSCALED) {
      const deployment = deployments.find(({ model }) => model.metadata?.name === `polybot-${name}`)?.model;
      expect({ name, replicas: deployment?.spec?.replicas }).toEqual({ name, replicas: undefined });
    }
  });

  it('runs the ingestor as a single poller, never two at once', () => {
    const ingestor = deployments.find(({ model }) => model.metadata?.name === 'polybot-ingestor')?.model;
    expect(ingestor?.spec?.replicas).toBe(1);
    expect(ingestor?.spec?.strategy?.type).toBe('Recreate');
  });

  it('migrates with `polyb0t db init` once (never restarted in place), non-root, with the same settings', () => {
    const spec = jobSpec();
    const container = containerOf(spec);
    expect(container.command).toEqual(['node', 'bin/polyb0t.js', 'db', 'init']);
    expect(existsSync(join(ROOT, 'bin', 'polyb0t.js'))).toBe(true);
    expect(spec.restartPolicy).toBe('Never');
    expectSettingsFromConfigAndSecret(container);
    expectNonRoot(spec, container);
    expect(container.resources?.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
  });

  describe('settings', () => {
    const known = new Map(SETTINGS_DOC.map((doc) => [doc.variable, doc]));

    it('the ConfigMap sets only known, non-secret POLYBOT_ settings, dry-run on', () => {
      const data = configData();
      for (const name of Object.keys(data)) {
        expect({ name, known: known.has(name), secret: known.get(name)?.secret }).toEqual({ name, known: true, secret: false });
      }
      expect(data.POLYBOT_DRY_RUN).toBe('true');
      expect(data.POLYBOT_API_HOST).toBe('0.0.0.0');
      expect(data.POLYBOT_METRICS_PORT).toBe(String(BASE_METRICS_PORT));
    });

    it('the Secret template holds every secret setting, as placeholders only', () => {
      const data = secretData();
      const secretNames = SETTINGS_DOC.filter((doc) => doc.secret).map((doc) => doc.variable);
      expect(Object.keys(data)).toEqual(expect.arrayContaining(secretNames));
      for (const [name, value] of Object.entries(data)) {
        expect({ name, known: known.has(name) }).toEqual({ name, known: true });
        expect({ name, placeholder: value === '' || /REPLACE_/.test(value) }).toEqual({ name, placeholder: true });
        expect({ name, realLooking: looksLikeRealSecret(value) }).toEqual({ name, realLooking: false });
      }
    });

    it('recognises real-looking secrets (the check itself works)', () => {
      expect(looksLikeRealSecret(`0x${'ab12'.repeat(16)}`)).toBe(true);
      expect(looksLikeRealSecret('4f9c2d1e8a7b6c5d4e3f2a1b0c9d8e7f')).toBe(true);
      expect(looksLikeRealSecret('postgres://polybot:s3cr3tPassw0rd@db:5432/polybot')).toBe(true);
      expect(looksLikeRealSecret('postgres://polybot:REPLACE_WITH_PASSWORD@postgres:5432/polybot')).toBe(false);
      expect(looksLikeRealSecret('REPLACE_WITH_RANDOM_TOKEN')).toBe(false);
    });
  });

  it('the kustomization lists every manifest except the Secret template and the Job', () => {
    const kustomization = parseAllDocuments(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8'))[0].toJSON() as { resources: string[] };
    const files = [...new Set(manifests.map((object) => object.file))];
    const expected = files.filter((file) => !manifests.some((object) => object.file === file && (object.kind === 'Secret' || object.kind === 'Job')));
    expect([...kustomization.resources].sort()).toEqual(expected.sort());
    for (const file of kustomization.resources) expect(existsSync(join(K8S, file))).toBe(true);
  });
});

function configData(): Record<string, string> {
  const maps = ofKind('ConfigMap').map((object) => new ConfigMap(object as never));
  expect(maps.map((map) => map.metadata?.name)).toEqual(['polybot-config']);
  return maps[0].data ?? {};
}

function secretData(): Record<string, string> {
  const secrets = ofKind('Secret').map((object) => new Secret(object as never));
  expect(secrets.map((secret) => secret.metadata?.name)).toEqual(['polybot-secrets']);
  // A template writes readable placeholders; base64 `data:` would hide what is in it.
  expect(secrets[0].data).toBeUndefined();
  return secrets[0].stringData ?? {};
}

/** A value someone pasted in by mistake: a key, a long token, or a URL with a password that is not a placeholder. */
function looksLikeRealSecret(value: string): boolean {
  if (/0x[0-9a-fA-F]{40,}/.test(value)) return true;
  const withoutPlaceholders = value.replace(/REPLACE_[A-Z_]+/g, '');
  if (/[A-Za-z0-9+/=_-]{24,}/.test(withoutPlaceholders.replace(/^[a-z]+:\/\//, ''))) return true;
  const password = /^[a-z]+:\/\/[^:@/]*:([^@]*)@/.exec(value)?.[1];
  return password !== undefined && !/^REPLACE_[A-Z_]+$/.test(password);
}
