import { isIP } from 'node:net';
import type { Settings } from '@polybot/config';

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  if (isIP(bare) === 6) return /^(0{0,4}:){2,7}0{0,3}1$/.test(bare) || bare === '::1';
  return false;
}

/**
 * Why this API must not start, or undefined. Without POLYBOT_API_TOKEN anyone who can connect may
 * approve trades, so a token-less API only listens where nobody else can connect. (Web pages on
 * this machine's browser can still reach it: see crossSiteProblem.)
 */
export function apiExposureProblem(settings: Pick<Settings, 'apiHost' | 'apiToken'>): string | undefined {
  if (settings.apiToken) return undefined;
  if (isLoopbackHost(settings.apiHost)) return undefined;
  return `POLYBOT_API_HOST=${settings.apiHost} is reachable from other machines but POLYBOT_API_TOKEN is not set: set a token, or listen on 127.0.0.1`;
}

export class ApiExposureError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'ApiExposureError';
  }
}

/** Throws ApiExposureError when the API must not start (see apiExposureProblem). */
export function assertSafeApiExposure(settings: Pick<Settings, 'apiHost' | 'apiToken'>): void {
  const problem = apiExposureProblem(settings);
  if (problem) throw new ApiExposureError(problem);
}

export interface ExitIo {
  readonly writeError: (line: string) => void;
  readonly exit: (code: number) => never | void;
}

const PROCESS_IO: ExitIo = { writeError: (line) => process.stderr.write(line), exit: (code) => process.exit(code) };

/** For the api's entry point: a refused exposure is a settings mistake, so exit 2 like one. */
export function exitIfUnsafeApiExposure(settings: Pick<Settings, 'apiHost' | 'apiToken'>, io: ExitIo = PROCESS_IO): void {
  const problem = apiExposureProblem(settings);
  if (!problem) return;
  io.writeError(`api refuses to start: ${problem}\n`);
  io.exit(2);
}
