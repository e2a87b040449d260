/**
 * Browser code (plain ES2020): what the page knows and how it stays current. `GET /events` is read
 * with fetch() and a stream reader (EventSource cannot send the Authorization header); while the
 * stream is missing or broken the page polls, and it tries the stream again now and then.
 */
export const APPROVAL_PAGE_FEED_SCRIPT = `
const POLL_MS = 2000;
const STATUS_MS = 10000;
const STREAM_RETRY_MS = 15000;
const STREAM_SILENCE_MS = 45000;
const RECENT_LIMIT = 50;
const RANK = { PENDING: 0, APPROVED: 1, EXECUTING: 2 };

const state = {
  intents: new Map(),
  // id -> time at which a card that stopped being actionable is removed (it is greyed out until then)
  until: new Map(),
  removed: new Set(),
  notices: new Map(),
  busy: new Map(),
  switches: [],
  status: null,
  feed: 'connecting',
  problems: new Map(),
};

const rank = (intent) => (intent.status in RANK ? RANK[intent.status] : 3);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const isIntent = (value) => value !== null && typeof value === 'object' && typeof value.id === 'string' && typeof value.status === 'string';

// Greys a card out and removes it lingerMs later; the first call sets the time.
function retire(id, lingerMs) {
  if (!state.until.has(id)) state.until.set(id, Date.now() + lingerMs);
}

function putIntent(incoming) {
  if (!isIntent(incoming)) return;
  const known = state.intents.get(incoming.id);
  // Events and polls can cross: an older picture never replaces a newer one.
  if (known && rank(known) > rank(incoming)) return;
  const intent = known && known.execution && !incoming.execution && rank(known) === rank(incoming)
    ? Object.assign({}, incoming, { execution: known.execution })
    : incoming;
  if (known && known.status === 'PENDING' && intent.status !== 'PENDING') retire(intent.id, 4000);
  state.intents.set(intent.id, intent);
  if (state.intents.size > 400) {
    for (const [id, old] of state.intents) {
      if (old.status !== 'PENDING' && !state.until.has(id)) { state.intents.delete(id); break; }
    }
  }
}

function putSwitch(update) {
  if (!update || typeof update.name !== 'string') return false;
  const index = state.switches.findIndex((known) => known.name === update.name);
  if (index >= 0) state.switches[index] = update;
  else state.switches.push(update);
  return true;
}

async function refreshIntents() {
  try {
    const [pending, recent] = await Promise.all([api('/intents?status=PENDING'), api('/intents?all=true&limit=' + RECENT_LIMIT)]);
    if (!Array.isArray(pending) || !Array.isArray(recent)) throw new Error('GET /intents did not answer a JSON array');
    for (const intent of recent) putIntent(intent);
    for (const intent of pending) putIntent(intent);
    const stillPending = new Set(pending.map((intent) => intent.id));
    // Decided elsewhere (the CLI, another browser) and older than the recent list: grey it out all the same.
    for (const [id, intent] of state.intents) if (intent.status === 'PENDING' && !stillPending.has(id)) retire(id, 4000);
    state.problems.delete('intents');
  } catch (error) {
    state.problems.set('intents', 'Intents: ' + error.message);
  }
  render();
}

async function refreshStatus() {
  try {
    const status = await api('/status');
    if (!status || typeof status !== 'object') throw new Error('GET /status did not answer a JSON object');
    state.status = status;
    state.switches = Array.isArray(status.kill_switches) ? status.kill_switches.slice() : [];
    state.problems.delete('status');
  } catch (error) {
    state.problems.set('status', 'Status: ' + error.message);
  }
  render();
}

let statusSoon = null;
function refreshStatusSoon() {
  if (statusSoon) return;
  statusSoon = setTimeout(() => { statusSoon = null; void refreshStatus(); }, 500);
}

function onFrame(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split('\\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  let payload;
  try { payload = JSON.parse(data.join('\\n')); } catch (_) { return; }
  if (event === 'intent') {
    const intent = payload && isIntent(payload.intent) ? payload.intent : payload;
    putIntent(intent);
    // A fill moves cash, positions and P&L.
    if (isIntent(intent) && rank(intent) === 3) refreshStatusSoon();
  } else if (event === 'kill-switch') {
    const update = payload && payload.switch ? payload.switch : payload;
    if (!putSwitch(update)) refreshStatusSoon();
  } else {
    return;
  }
  render();
}

/** Follows the stream until it ends; 'unavailable' when it never opened (no /events yet, or an error). */
async function followStream() {
  const controller = new AbortController();
  let silence = null;
  const arm = () => {
    clearTimeout(silence);
    silence = setTimeout(() => controller.abort(), STREAM_SILENCE_MS);
  };
  let opened = false;
  let statusTimer = null;
  try {
    let response;
    for (;;) {
      arm();
      response = await fetch('/events', { headers: authHeaders({ accept: 'text/event-stream' }), cache: 'no-store', signal: controller.signal });
      if (response.status !== 401) break;
      clearTimeout(silence);
      await askForToken();
    }
    const type = response.headers.get('content-type') || '';
    if (!response.ok || !type.startsWith('text/event-stream') || !response.body) return 'unavailable';
    opened = true;
    state.feed = 'stream';
    // Whatever happened before the stream opened is read once; events keep it current from here.
    void refreshIntents();
    void refreshStatus();
    statusTimer = setInterval(() => void refreshStatus(), STATUS_MS);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      arm();
      // A lone CR at the end may be the first half of a CRLF still in flight.
      buffer = (buffer + value).replace(/\\r\\n|\\r(?!$)/g, '\\n');
      let cut;
      while ((cut = buffer.indexOf('\\n\\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        onFrame(frame);
      }
    }
  } catch (_) {
    return opened ? 'ended' : 'unavailable';
  } finally {
    clearTimeout(silence);
    clearInterval(statusTimer);
    controller.abort();
  }
}

async function feedLoop() {
  let streamAt = 0;
  for (;;) {
    if (Date.now() >= streamAt) {
      const outcome = await followStream();
      streamAt = Date.now() + (outcome === 'ended' ? 1000 : STREAM_RETRY_MS);
    }
    state.feed = state.problems.size ? 'down' : 'polling';
    await Promise.all([refreshIntents(), refreshStatus()]);
    state.feed = state.problems.size ? 'down' : 'polling';
    render();
    await sleep(POLL_MS);
  }
}
`;
