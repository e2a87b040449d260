import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger } from './logger';

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const NEST_TO_PINO: Record<LogLevel, PinoLevel> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};
const PINO_ORDER: PinoLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * Routes Nest's own logging (bootstrap, route mapping, exceptions) into the service's JSON log.
 * Nest passes the context (usually a class name) as the last string argument, and for errors a
 * stack trace before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest lists the enabled levels; pino needs only the lowest of them. */
  setLogLevels(levels: LogLevel[]): void {
    const lowest = PINO_ORDER.find((level) => levels.some((nestLevel) => NEST_TO_PINO[nestLevel] === level));
    this.logger.level = lowest ?? 'silent';
  }

  private write(level: PinoLevel, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !looksLikeStack(last)) fields['context'] = rest.pop();
    const stack = rest.find((param): param is string => typeof param === 'string' && looksLikeStack(param));
    if (stack !== undefined) fields['stack'] = stack;
    const details = rest.filter((param) => param !== stack);
    if (details.length > 0) fields['details'] = details;

    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'string') {
      this.logger[level](fields, message);
    } else {
      this.logger[level]({ ...fields, details: message }, 'nest log');
    }
  }
}

function looksLikeStack(text: string): boolean {
  return /\n\s+at /.test(text);
}
