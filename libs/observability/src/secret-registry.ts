export const REDACTED = '[REDACTED]';

// Shorter values would mangle ordinary words and are not real credentials anyway.
const MIN_SECRET_LENGTH = 4;

const secrets = new Set<string>();
let pattern: RegExp | undefined;

/**
 * Adds a value (a private key, API secret, token...) that must never appear in any log line of
 * this process, whatever field or error message carries it.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  // A value with quotes or backslashes appears escaped inside a JSON line, so match that form too.
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) secrets.add(escaped);
  pattern = undefined;
}

/** Replaces every registered secret in the text with [REDACTED]. */
export function scrubSecrets(text: string): string {
  if (secrets.size === 0) return text;
  pattern ??= new RegExp(
    [...secrets]
      .sort((a, b) => b.length - a.length)
      .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return text.replace(pattern, REDACTED);
}
