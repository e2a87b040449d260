import pino from 'pino';
import { REDACTED, registerSecret, scrubSecrets } from './secret-registry';

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

const SECRET_KEYS = [
  'privateKey',
  'private_key',
  'polygonPrivateKey',
  'secret',
  'apiSecret',
  'api_secret',
  'clobApiSecret',
  'passphrase',
  'clobPassphrase',
  'password',
  'authorization',
  'Authorization',
  'apiKey',
  'api_key',
  'clobApiKey',
  'token',
  'apiToken',
];

// Key-based redaction catches secrets before serialisation, two levels deep (e.g. req.headers.authorization).
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * JSON-lines logger: {"level":"INFO","timestamp":"<ISO-8601>","service":...,<bound fields>,"message":...}.
 * Secret keys are censored by path, and every finished line is scrubbed of registered secret
 * values, which also covers error messages and stack traces.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  for (const secret of opts.secrets ?? []) registerSecret(secret);
  return pino(
    {
      level: opts.level ?? 'info',
      messageKey: 'message',
      base: { service: opts.service },
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label.toUpperCase() }) },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    scrubbing(opts.destination ?? pino.destination({ dest: 1, sync: true })),
  );
}

function scrubbing(destination: pino.DestinationStream): pino.DestinationStream {
  return { write: (line: string) => destination.write(scrubSecrets(line)) };
}
