/**
 * Browser code (plain ES2020): the operator's decisions. Buttons stay disabled while a request is in
 * flight; a refusal (409 "it is EXPIRED, not PENDING", 400, ...) is shown on the card as the API words it.
 */
export const APPROVAL_PAGE_ACTIONS_SCRIPT = `
async function decide(id, action, reason) {
  if (state.busy.has(id) || state.until.has(id)) return;
  state.busy.set(id, action);
  state.notices.delete(id);
  render();
  try {
    const body = action === 'reject' && reason ? { reason } : undefined;
    putIntent(await api('/intents/' + encodeURIComponent(id) + '/' + action, { method: 'POST', body }));
    state.notices.set(id, { kind: 'info', text: action === 'approve' ? 'Approved: sent to the executor.' : 'Rejected.' });
    retire(id, 3000);
  } catch (error) {
    state.notices.set(id, { kind: 'error', text: error.message });
    const known = state.intents.get(id);
    // A 409 names the intent's real status: show it, greyed out, long enough to be read.
    if (known && error.body && typeof error.body.status === 'string' && error.body.status !== 'PENDING') {
      putIntent(Object.assign({}, known, { status: error.body.status }));
      state.until.set(id, Date.now() + 12000);
    }
  } finally {
    state.busy.delete(id);
    render();
  }
}

async function clearSwitch(name) {
  const key = 'switch:' + name;
  if (state.busy.has(key)) return;
  state.busy.set(key, 'clear');
  state.notices.delete(key);
  render();
  try {
    putSwitch(await api('/kill-switches/' + encodeURIComponent(name) + '/clear', { method: 'POST' }));
  } catch (error) {
    state.notices.set(key, { kind: 'error', text: error.message });
  } finally {
    state.busy.delete(key);
    render();
  }
}

function start() {
  byId('token-form').addEventListener('submit', useToken);
  byId('forget-token').addEventListener('click', forgetToken);
  byId('forget-token').hidden = !token;
  render();
  // Countdowns tick on their own; the rest re-renders when data arrives.
  setInterval(() => {
    for (const [id, card] of cards) {
      const intent = state.intents.get(id);
      if (intent) updateCard(card, intent);
    }
    const now = Date.now();
    for (const until of state.until.values()) if (now > until) { renderPending(); break; }
  }, 250);
  void feedLoop();
}
`;
