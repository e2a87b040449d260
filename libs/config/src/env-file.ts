import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingsError } from './settings.error';

export interface EnvFileOptions {
  /** Path of the .env file; default `.env` in the working directory; false = do not read one. */
  envFile?: string | false;
}

/**
 * Reads the .env file without touching process.env. A missing default file is normal (settings may
 * all come from the environment); a file the operator named explicitly must exist.
 */
export function readEnvFile(opts: EnvFileOptions = {}): Record<string, string> {
  if (opts.envFile === false) return {};
  const path = resolve(opts.envFile ?? '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    if (opts.envFile === undefined && code === 'ENOENT') return {};
    throw new SettingsError([{ variable: path, expected: 'a readable .env file', received: code }]);
  }
  return parse(text);
}

/** Real environment variables win over the file; a blank one counts as unset. */
export function mergeEnvironment(env: NodeJS.ProcessEnv, fromFile: Record<string, string>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') merged[name] = value;
    else if (!(name in merged)) merged[name] = value;
  }
  return merged;
}
