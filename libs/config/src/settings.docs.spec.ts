import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_DOC } from './settings.catalog';

// Docs are written by hand; this keeps them from drifting from the catalog the code parses with.
const ROOT = join(__dirname, '..', '..', '..');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
const reference = readFileSync(join(ROOT, 'CONFIG_LIVE_MODE.md'), 'utf8');

describe('.env.example', () => {
  it.each(SETTINGS_DOC.map((doc) => [doc.variable, doc] as const))('has %s commented out with its default', (_, doc) => {
    const index = envExample.indexOf(`# ${doc.variable}=${doc.default ?? ''}`);
    expect(index).toBeGreaterThan(0);
    expect(envExample[index - 1]).toContain(doc.description);
  });

  it('sets nothing: every line is a comment or blank', () => {
    expect(envExample.filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
  });

  it('mentions no variable the code does not know', () => {
    const known = new Set(SETTINGS_DOC.map((doc) => doc.variable));
    const mentioned = envExample.join('\n').match(/POLYBOT_[A-Z0-9_]+/g) ?? [];
    expect(mentioned.filter((name) => !known.has(name))).toEqual([]);
  });
});

describe('CONFIG_LIVE_MODE.md', () => {
  it.each(SETTINGS_DOC.map((doc) => [doc.variable, doc] as const))('has a table row for %s with its default', (_, doc) => {
    const shownDefault = doc.default === null ? '*unset*' : `\`${doc.default}\``;
    const row = reference.split('\n').find((line) => line.startsWith(`| \`${doc.variable}\` |`));
    expect(row).toBeDefined();
    expect(row!.startsWith(`| \`${doc.variable}\` | ${shownDefault} | ${doc.description.replace(/\|/g, '\\|')}`)).toBe(true);
    expect(row!.includes('**Secret.**')).toBe(doc.secret);
  });

  it('mentions no variable the code does not know (apart from the typo example)', () => {
    const known = new Set([...SETTINGS_DOC.map((doc) => doc.variable), 'POLYBOT_MAX_DAILY_LOS_PCT']);
    const mentioned = reference.match(/POLYBOT_[A-Z0-9_]+/g) ?? [];
    expect(mentioned.filter((name) => !known.has(name))).toEqual([]);
  });
});
