import { createHash } from 'node:crypto';
import { APPROVAL_PAGE_ACTIONS_SCRIPT } from './approval-page-actions.script';
import { APPROVAL_PAGE_API_SCRIPT } from './approval-page-api.script';
import { APPROVAL_PAGE_FEED_SCRIPT } from './approval-page-feed.script';
import { APPROVAL_PAGE_RENDER_SCRIPT } from './approval-page-render.script';
import { APPROVAL_PAGE_STYLES } from './approval-page.styles';

/** The approval page: one self-contained document and the Content-Security-Policy that pins its inline code. */
export interface ApprovalPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

const BODY = `
<header>
  <h1>polyb0t</h1>
  <span id="mode" class="badge dry">…</span>
  <span id="feed" class="badge poll">connecting</span>
  <span class="figure"><span>equity</span><b id="equity">–</b></span>
  <span class="figure"><span>cash</span><b id="cash">–</b></span>
  <span class="figure"><span>realized</span><b id="realized">–</b></span>
  <span class="figure"><span>unrealized</span><b id="unrealized">–</b></span>
  <span class="figure"><span>exposure</span><b id="exposure">–</b></span>
  <span class="figure"><span>data age</span><b id="data-age">–</b></span>
  <button id="forget-token" type="button" hidden>Forget token</button>
</header>
<form id="token-form" hidden>
  <label id="token-message" for="token-input">This API needs its token (POLYBOT_API_TOKEN):</label>
  <input id="token-input" name="token" type="password" autocomplete="off" spellcheck="false">
  <button type="submit">Use token</button>
</form>
<div id="problems" role="alert"></div>
<main>
  <div>
    <section>
      <h2>Pending intents <span id="pending-count"></span></h2>
      <div id="pending"></div>
      <div id="pending-empty" class="empty">No intents waiting for a decision.</div>
    </section>
    <section>
      <h2>Recent decisions and executions</h2>
      <div id="recent"></div>
    </section>
  </div>
  <div>
    <section>
      <h2>Kill switches</h2>
      <div id="switches"></div>
    </section>
    <section>
      <h2>Positions</h2>
      <div id="positions"></div>
    </section>
  </div>
</main>`;

const SCRIPT = [
  "'use strict';",
  '(() => {',
  APPROVAL_PAGE_API_SCRIPT,
  APPROVAL_PAGE_FEED_SCRIPT,
  APPROVAL_PAGE_RENDER_SCRIPT,
  APPROVAL_PAGE_ACTIONS_SCRIPT,
  'start();',
  '})();',
].join('\n');

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function buildApprovalPage(): ApprovalPage {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>polyb0t approvals</title>
<link rel="icon" href="data:,">
<style>${APPROVAL_PAGE_STYLES}</style>
</head>
<body>${BODY}
<script>${SCRIPT}</script>
</body>
</html>
`;
  // Only this exact script and stylesheet may run: injected markup, were any to slip through, stays inert.
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(APPROVAL_PAGE_STYLES)}`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
