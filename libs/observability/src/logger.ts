import pino from 'pino';
import { censorSecretKeys } from './secret-keys.censor';
import { registerSecret, scrubSecrets } from './secret-registry';

export type Logger = pino.Logger;

export interface CreateLoggerOptions {
  service: string;
  /** trace, debug, info (default), warn, error, fatal or silent. */
  level?: string;
  /** Where JSON lines go; stdout when omitted. */
  destination?: pino.DestinationStream;
  /** Values scrubbed from every line (see registerSecret). */
  secrets?: readonly string[];
}

/**
 * JSON-lines logger: {"level":"INFO","timestamp":"<ISO-8601>","service":...,<bound fields>,"message":...}.
 * Secret keys are censored by name (censorSecretKeys), and every finished line is scrubbed of
 * registered secret values, which also covers error messages and stack traces.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  for (const secret of opts.secrets ?? []) registerSecret(secret);
  return censoringChildren(pino(
    {
      level: opts.level ?? 'info',
      messageKey: 'message',
      base: { service: opts.service },
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label.toUpperCase() }), log: censorSecretKeys },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    scrubbing(opts.destination ?? pino.destination({ dest: 1, sync: true })),
  ));
}

/**
 * pino runs `formatters.bindings` on the root's bindings only, so a child's bindings are censored
 * here. A child is made from its parent's prototype, so every descendant inherits this `child`.
 */
function censoringChildren(logger: Logger): Logger {
  const pinoChild = logger.child;
  logger.child = function child(this: Logger, bindings, options) {
    return pinoChild.call(this, censorSecretKeys(bindings), options);
  } as Logger['child'];
  return logger;
}

function scrubbing(destination: pino.DestinationStream): pino.DestinationStream {
  return { write: (line: string) => destination.write(scrubSecrets(line)) };
}
