/**
 * Browser code (plain ES2020): the DOM. Text from the API only ever becomes text nodes or
 * attribute values (never innerHTML). Pending cards are kept per intent and updated in place, so
 * a countdown tick or an event never wipes a half-typed reject reason.
 */
export const APPROVAL_PAGE_RENDER_SCRIPT = `
const cards = new Map();

function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const finite = (n) => typeof n === 'number' && Number.isFinite(n);
const usd = (n) => (finite(n) ? (n < 0 ? '-$' : '$') + Math.abs(n).toFixed(2) : '–');
const signedUsd = (n) => (finite(n) ? (n > 0 ? '+' : '') + usd(n) : '–');
const price = (n) => (finite(n) ? String(Number(n.toFixed(4))) : '–');
const pct = (n) => (finite(n) ? (n > 0 ? '+' : '') + (n * 100).toFixed(1) + '%' : '–');
const tone = (n) => (finite(n) && n !== 0 ? (n > 0 ? 'pos' : 'neg') : '');
const clock = (iso) => { const t = Date.parse(iso || ''); return Number.isNaN(t) ? '–' : new Date(t).toLocaleTimeString(); };
const sideClass = (side) => (side === 'BUY' || side === 'SELL' ? 'side-' + side : '');
const statusClass = (status) => 'st st-' + String(status).replace(/[^A-Z_]/g, '');
const shortId = (id) => String(id || '').slice(0, 8);

function edgeLine(intent) {
  if (!finite(intent.edge)) return 'edge –';
  return 'edge ' + pct(intent.edge) + '  (model ' + price(intent.model_prob) + ' vs market ' + price(intent.market_price) + ')' +
    (finite(intent.confidence) ? '  · confidence ' + price(intent.confidence) : '');
}

function checkChip(check) {
  const passed = check && check.passed === true;
  return h('span', { class: 'check ' + (passed ? 'pass' : 'fail'), title: check && check.message },
    (passed ? '✓ ' : '✗ ') + (check && check.name) + ' ' + price(check && check.value) + ' / ' + price(check && check.limit));
}

function buildCard(intent) {
  const id = intent.id;
  const countdown = h('div', { class: 'countdown', title: 'seconds left to decide' });
  const reasonInput = h('input', { class: 'reason-input', type: 'text', maxlength: 200, placeholder: 'reject reason (optional)', 'aria-label': 'reject reason' });
  const reject = h('button', { class: 'reject', type: 'button', onclick: () => decide(id, 'reject', reasonInput.value.trim()) }, 'Reject');
  const approve = h('button', { class: 'approve', type: 'button', onclick: () => decide(id, 'approve') }, 'Approve');
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  const checks = Array.isArray(intent.risk_checks) ? intent.risk_checks : [];
  const el = h('article', { class: 'intent', dataset: { intentId: id } },
    h('div', { class: 'top' },
      countdown,
      h('div', { class: 'what' },
        h('div', { class: 'trade' }, h('span', { class: sideClass(intent.side) }, intent.side), ' ', intent.outcome, ' @ ', price(intent.price), ' · ', usd(intent.size_usd)),
        h('div', { class: 'edge' }, edgeLine(intent))),
      h('div', { class: 'actions' }, reject, approve)),
    h('div', { class: 'why' }, intent.reason),
    h('div', { class: 'checks' }, checks.length ? checks.map(checkChip) : h('span', { class: 'check fail' }, 'no risk checks recorded')),
    h('div', { class: 'bottom' },
      h('div', { class: 'meta' }, intent.type, ' · market ', intent.market_id, ' · token ', shortId(intent.token_id), '… · intent ', shortId(id),
        ' · expires ', clock(intent.expires_at)),
      reasonInput),
    notice);
  return { el, countdown, reasonInput, reject, approve, notice, expiresAt: Date.parse(intent.expires_at) };
}

function updateCard(card, intent) {
  const left = Math.ceil((card.expiresAt - serverNow()) / 1000);
  if (intent.status === 'PENDING' && !(left > 0)) retire(intent.id, 4000);
  const gone = state.until.has(intent.id);
  card.countdown.textContent = intent.status !== 'PENDING' ? intent.status : left > 0 ? left + 's' : 'expired';
  card.countdown.classList.toggle('soon', intent.status === 'PENDING' && left <= 10);
  card.el.classList.toggle('gone', gone);
  const busy = state.busy.get(intent.id);
  for (const control of [card.reasonInput, card.reject, card.approve]) control.disabled = gone || busy !== undefined;
  card.approve.textContent = busy === 'approve' ? 'Approving…' : 'Approve';
  card.reject.textContent = busy === 'reject' ? 'Rejecting…' : 'Reject';
  const notice = state.notices.get(intent.id);
  card.notice.hidden = !notice;
  card.notice.className = 'notice ' + (notice ? notice.kind : '');
  card.notice.textContent = notice ? notice.text : '';
}

function renderPending() {
  const now = Date.now();
  for (const [id, until] of state.until) {
    if (now > until) { state.until.delete(id); state.removed.add(id); }
  }
  const shown = [...state.intents.values()]
    .filter((intent) => !state.removed.has(intent.id) && (intent.status === 'PENDING' || state.until.has(intent.id)))
    .sort((a, b) => Date.parse(a.expires_at) - Date.parse(b.expires_at));
  const container = byId('pending');
  const keep = new Set(shown.map((intent) => intent.id));
  for (const [id, card] of cards) if (!keep.has(id)) { card.el.remove(); cards.delete(id); }
  shown.forEach((intent, index) => {
    let card = cards.get(intent.id);
    if (!card) { card = buildCard(intent); cards.set(intent.id, card); }
    updateCard(card, intent);
    if (container.children[index] !== card.el) container.insertBefore(card.el, container.children[index] || null);
  });
  const waiting = shown.filter((intent) => !state.until.has(intent.id)).length;
  byId('pending-empty').hidden = shown.length > 0;
  byId('pending-count').textContent = waiting ? '(' + waiting + ')' : '';
  document.title = (waiting ? '(' + waiting + ') ' : '') + 'polyb0t approvals';
}

function executionCell(execution) {
  if (!execution) return '–';
  const parts = [execution.mode === execution.status ? execution.mode : execution.mode + ' ' + execution.status];
  const order = execution.order;
  if (order && typeof order === 'object' && finite(order.size) && finite(order.price)) parts.push('order ' + price(order.size) + ' @ ' + price(order.price));
  if (finite(execution.filled_size) && execution.filled_size > 0) parts.push('filled ' + price(execution.filled_size) + ' @ ' + price(execution.avg_price));
  if (finite(execution.fees) && execution.fees > 0) parts.push('fees ' + usd(execution.fees));
  if (execution.order_id) parts.push('order ' + shortId(execution.order_id));
  if (execution.error) parts.push(execution.error);
  return parts.join(' · ');
}

function renderRecent() {
  const stamp = (intent) => Date.parse(intent.executed_at || intent.decided_at || intent.created_at) || 0;
  const rows = [...state.intents.values()].filter((intent) => intent.status !== 'PENDING').sort((a, b) => stamp(b) - stamp(a)).slice(0, 20);
  byId('recent').replaceChildren(rows.length === 0 ? h('div', { class: 'empty' }, 'No decisions yet.') :
    h('table', {},
      h('thead', {}, h('tr', {}, ['When', 'Status', 'Trade', 'Edge', 'By', 'Execution', 'Note'].map((title) => h('th', {}, title)))),
      h('tbody', {}, rows.map((intent) => h('tr', { dataset: { recentId: intent.id } },
        h('td', { class: 'nowrap' }, clock(intent.executed_at || intent.decided_at || intent.created_at)),
        h('td', { class: statusClass(intent.status) }, intent.status),
        h('td', { class: 'nowrap' }, h('span', { class: sideClass(intent.side) }, intent.side), ' ', intent.outcome, ' @ ', price(intent.price), ' · ', usd(intent.size_usd)),
        h('td', { class: 'num' }, pct(intent.edge)),
        h('td', {}, intent.decided_by || '–'),
        h('td', { class: 'execution' }, executionCell(intent.execution)),
        h('td', {}, intent.status_reason || ''))))));
}

function renderSwitches() {
  const list = state.switches.slice().sort((a, b) => Number(b.tripped) - Number(a.tripped) || String(a.name).localeCompare(String(b.name)));
  byId('switches').replaceChildren(...(list.length === 0 ? [h('div', { class: 'empty' }, 'No kill switch state yet.')] : list.map((s) => {
    const busy = state.busy.has('switch:' + s.name);
    const notice = state.notices.get('switch:' + s.name);
    const detail = s.tripped
      ? [s.reason, 'value ' + price(s.value) + ' / threshold ' + price(s.threshold), 'since ' + clock(s.tripped_at)].filter(Boolean).join(' · ')
      : 'ok · threshold ' + price(s.threshold);
    return h('div', { class: 'switch' + (s.tripped ? ' tripped' : ''), dataset: { switchName: s.name } },
      h('span', { class: 'name' }, s.name),
      h('span', { class: 'badge ' + (s.tripped ? 'down' : 'live') }, s.tripped ? 'TRIPPED' : 'OK'),
      h('span', { class: 'detail' }, detail, notice ? h('div', { class: 'notice ' + notice.kind }, notice.text) : null),
      s.tripped ? h('button', { type: 'button', disabled: busy, onclick: () => clearSwitch(s.name) }, busy ? 'Clearing…' : 'Clear') : null);
  })));
}

function renderPositions() {
  const positions = state.status && Array.isArray(state.status.positions) ? state.status.positions : [];
  byId('positions').replaceChildren(positions.length === 0 ? h('div', { class: 'empty' }, 'No open positions.') :
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Market'), ['Shares', 'Avg', 'Mark', 'Value', 'P&L'].map((title) => h('th', { class: 'num' }, title)))),
      h('tbody', {}, positions.map((p) => h('tr', {},
        h('td', {}, (p.market || p.market_id || p.token_id) + ' — ' + p.outcome),
        h('td', { class: 'num' }, price(p.shares)),
        h('td', { class: 'num' }, price(p.avg_price)),
        h('td', { class: 'num' }, price(p.mark)),
        h('td', { class: 'num' }, usd(p.market_value)),
        h('td', { class: 'num ' + tone(p.unrealized_pnl) }, signedUsd(p.unrealized_pnl) + (finite(p.pnl_pct) ? ' (' + (p.pnl_pct > 0 ? '+' : '') + p.pnl_pct.toFixed(1) + '%)' : '')))))));
}

function renderHeader() {
  const s = state.status;
  const mode = byId('mode');
  mode.textContent = s ? String(s.mode).toUpperCase() + (s.dry_run ? ' · DRY RUN' : ' · REAL ORDERS') : '…';
  mode.className = 'badge ' + (s && !s.dry_run && s.places_real_orders ? 'real' : 'dry');
  const feed = byId('feed');
  const feeds = { stream: ['live', 'live'], polling: ['polling', 'poll'], down: ['API trouble', 'down'], connecting: ['connecting', 'poll'] };
  const [label, look] = feeds[state.feed] || feeds.connecting;
  feed.textContent = label;
  feed.className = 'badge ' + look;
  byId('equity').textContent = s ? usd(s.equity) : '–';
  byId('cash').textContent = s ? usd(s.cash) : '–';
  byId('realized').textContent = s ? signedUsd(s.realized_pnl) : '–';
  byId('realized').className = s ? tone(s.realized_pnl) : '';
  byId('unrealized').textContent = s ? signedUsd(s.unrealized_pnl) : '–';
  byId('unrealized').className = s ? tone(s.unrealized_pnl) : '';
  const total = s && s.exposure && s.exposure.total;
  byId('exposure').textContent = total ? usd(total.usd) + ' / ' + usd(total.limit_usd) : '–';
  const age = s && s.markets ? s.markets.data_age_seconds : null;
  byId('data-age').textContent = finite(age) ? age.toFixed(0) + ' s' : '–';
}

function render() {
  renderHeader();
  byId('problems').replaceChildren(...[...state.problems.values()].map((text) => h('div', {}, text)));
  renderPending();
  renderRecent();
  renderSwitches();
  renderPositions();
}
`;
