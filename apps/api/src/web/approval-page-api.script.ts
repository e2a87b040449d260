/**
 * Browser code (plain ES2020, run as-is): the bearer token and every API call. The token is asked
 * for only when the API answers 401, kept in sessionStorage, and the refused call is retried with it.
 */
export const APPROVAL_PAGE_API_SCRIPT = `
const TOKEN_KEY = 'polybot.apiToken';
let token = sessionStorage.getItem(TOKEN_KEY) || '';
let tokenWaiters = null;
let clockSkewMs = 0;

const byId = (id) => document.getElementById(id);

function askForToken() {
  const form = byId('token-form');
  byId('token-message').textContent = token
    ? 'The API refused that token. Enter POLYBOT_API_TOKEN again:'
    : 'This API needs its token (POLYBOT_API_TOKEN):';
  if (form.hidden) {
    form.hidden = false;
    byId('token-input').value = '';
    byId('token-input').focus();
  }
  if (!tokenWaiters) tokenWaiters = [];
  return new Promise((resolve) => tokenWaiters.push(resolve));
}

function useToken(event) {
  event.preventDefault();
  const value = byId('token-input').value.trim();
  if (!value) return;
  token = value;
  sessionStorage.setItem(TOKEN_KEY, token);
  byId('token-form').hidden = true;
  byId('forget-token').hidden = false;
  const waiters = tokenWaiters || [];
  tokenWaiters = null;
  for (const resolve of waiters) resolve();
}

function forgetToken() {
  token = '';
  sessionStorage.removeItem(TOKEN_KEY);
  byId('forget-token').hidden = true;
}

function authHeaders(extra) {
  const headers = Object.assign({}, extra);
  if (token) headers.authorization = 'Bearer ' + token;
  return headers;
}

// Countdowns run on this browser's clock; the Date header (1 s resolution) corrects only a clock that is clearly off.
function noteServerClock(response) {
  const date = Date.parse(response.headers.get('date') || '');
  if (Number.isNaN(date)) return;
  const skew = date - Date.now();
  clockSkewMs = Math.abs(skew) > 2000 ? skew : 0;
}
const serverNow = () => Date.now() + clockSkewMs;

class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function api(path, options) {
  const opts = options || {};
  for (;;) {
    const headers = authHeaders({ accept: 'application/json' });
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method: opts.method || 'GET',
      headers,
      cache: 'no-store',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    noteServerClock(response);
    if (response.status === 401) {
      await askForToken();
      continue;
    }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (_) { body = null; }
    if (!response.ok) {
      const message = body && typeof body.error === 'string' ? body.error : 'HTTP ' + response.status + ' from ' + path;
      throw new ApiError(message, response.status, body);
    }
    return body;
  }
}
`;
