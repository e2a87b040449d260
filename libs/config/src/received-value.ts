export const REDACTED_VALUE = '<redacted>';

const MAX_SHOWN = 80;
// A private key pasted into the wrong variable must not end up in an error message either.
const KEY_LIKE = /(0x)?[0-9a-fA-F]{64}/;
const URL_PASSWORD = /(\/\/[^/@:\s]*:)[^/@\s]*@/;

/**
 * How a bad value is shown in an error: secrets and anything that contains a secret's value or
 * looks like a key are replaced, URL passwords are masked and long values are cut short.
 */
export function describeReceived(raw: string | undefined, isSecret: boolean, secretValues: readonly string[]): string {
  const text = raw?.trim() ?? '';
  if (text === '') return '';
  if (isSecret || KEY_LIKE.test(text) || secretValues.some((secret) => text.includes(secret))) {
    return REDACTED_VALUE;
  }
  const masked = text.replace(URL_PASSWORD, '$1***@');
  return masked.length > MAX_SHOWN ? `${masked.slice(0, MAX_SHOWN)}…` : masked;
}
