import { editDistance } from './edit-distance';
import { mergeEnvironment, readEnvFile, type EnvFileOptions } from './env-file';
import { SETTINGS_PREFIX } from './setting-definition';
import { SETTINGS_DOC } from './settings.catalog';

const KNOWN = new Set(SETTINGS_DOC.map((doc) => doc.variable));
// Short names are close to everything, so the allowed distance grows with the name (at most 3).
const MAX_TYPO_DISTANCE = 3;

/**
 * Warnings for POLYBOT_* variables that no setting reads: a typo silently leaves the default in
 * force, which for a risk limit is worse than a crash. Returned for the caller to log, not thrown.
 */
export function findUnknownSettings(env: NodeJS.ProcessEnv = process.env, opts: EnvFileOptions = {}): string[] {
  const merged = mergeEnvironment(env, readEnvFile(opts));
  return Object.keys(merged)
    .filter((name) => name.startsWith(SETTINGS_PREFIX) && !KNOWN.has(name))
    .sort()
    .map((name) => {
      const suggestion = closestKnown(name);
      return `${name} is not a known setting and is ignored${suggestion ? `; did you mean ${suggestion}?` : ''}`;
    });
}

function closestKnown(name: string): string | undefined {
  const suffix = name.slice(SETTINGS_PREFIX.length);
  const allowed = Math.min(MAX_TYPO_DISTANCE, Math.floor(suffix.length / 3));
  let best: { variable: string; distance: number } | undefined;
  for (const variable of KNOWN) {
    const distance = editDistance(suffix, variable.slice(SETTINGS_PREFIX.length));
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { variable, distance };
  }
  return best?.variable;
}
