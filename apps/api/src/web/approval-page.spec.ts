import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { buildApprovalPage } from './approval-page.html';

const page = buildApprovalPage();
const between = (open: string, close: string): string => {
  const start = page.html.indexOf(open) + open.length;
  return page.html.slice(start, page.html.indexOf(close, start));
};
const hashOf = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('approval page', () => {
  it('is one document whose inline script parses as JavaScript', () => {
    expect(page.html.startsWith('<!doctype html>')).toBe(true);
    expect(page.html.match(/<script>/g)).toHaveLength(1);
    expect(() => new Script(between('<script>', '</script>'))).not.toThrow();
  });

  it('pins exactly its own script and stylesheet in the Content-Security-Policy', () => {
    expect(page.contentSecurityPolicy).toContain(`script-src ${hashOf(between('<script>', '</script>'))}`);
    expect(page.contentSecurityPolicy).toContain(`style-src ${hashOf(between('<style>', '</style>'))}`);
    expect(page.contentSecurityPolicy).toContain("default-src 'none'");
    expect(page.contentSecurityPolicy).not.toContain('unsafe-inline');
  });

  it('never writes API text as markup', () => {
    expect(page.html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
