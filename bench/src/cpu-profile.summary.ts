import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalSeconds: number;
  /** Share of samples by where the code lives: a package under node_modules, node internals, our code, GC, idle. */
  readonly byArea: { area: string; pct: number }[];
  /** Functions with the most self time. */
  readonly topFunctions: { fn: string; pct: number }[];
}

function areaOf(url: string, fn: string): string {
  if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') return fn;
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return ours ? ours[1] : url;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '');
}

/** Self time by area and by function, from one .cpuprofile (busy samples only: idle is left out). */
export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, count] of hits) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += count;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + count);
    const fn = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + count);
  }
  const pct = (n: number): number => Math.round((1000 * n) / Math.max(1, busy)) / 10;
  const totalSeconds = Math.round((profile.endTime - profile.startTime) / 1e4) / 100;
  return {
    file,
    totalSeconds,
    byArea: [...areas].sort((a, b) => b[1] - a[1]).slice(0, top).map(([area, n]) => ({ area, pct: pct(n) })),
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, n]) => ({ fn, pct: pct(n) })),
  };
}

/** Every profile written under dir/<service>/. */
export function summarizeProfiles(dir: string): Record<string, ProfileSummary[]> {
  const out: Record<string, ProfileSummary[]> = {};
  for (const service of readdirSync(dir)) {
    const files = readdirSync(join(dir, service)).filter((f) => f.endsWith('.cpuprofile'));
    out[service] = files.map((f) => summarizeProfile(join(dir, service, f)));
  }
  return out;
}
