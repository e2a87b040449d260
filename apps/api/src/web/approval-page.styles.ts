/** The approval page's stylesheet: the countdown and the decision buttons are what the eye lands on. */
export const APPROVAL_PAGE_STYLES = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d7dce2; --bg: #f4f6f8; --card: #fff;
  --buy: #0b6e4f; --sell: #a4262c; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --accent: #0550ae; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 8px 20px; background: #1b1f24; color: #fff; }
header h1 { margin: 0; font-size: 18px; }
header .figure { font-variant-numeric: tabular-nums; font-size: 13px; }
header .figure b { font-weight: 600; }
header .figure span { color: #aab4c0; margin-right: 4px; }
header .pos { color: #4ac26b; }
header .neg { color: #ff8182; }
header button { margin-left: auto; background: transparent; color: #aab4c0; border-color: #444c56; font-size: 13px; padding: 2px 8px; font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; letter-spacing: .03em; }
.badge.dry { background: #ddf4ff; color: var(--accent); }
.badge.real { background: var(--bad); color: #fff; }
.badge.live { background: #dafbe1; color: var(--ok); }
.badge.poll { background: #fff8c5; color: var(--warn); }
.badge.down { background: #ffebe9; color: var(--bad); }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; padding: 16px 20px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
section h2 { margin: 0 0 8px; font-size: 15px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
section + section { margin-top: 18px; }
.empty { color: var(--muted); font-style: italic; padding: 8px 0; }
#problems:empty, #token-form[hidden] { display: none; }
#problems { margin: 12px 20px 0; padding: 8px 12px; border: 1px solid var(--bad); border-radius: 6px; background: #ffebe9; color: var(--bad); }
#token-form { margin: 12px 20px 0; padding: 12px; border: 2px solid var(--accent); border-radius: 8px; background: #fff; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
#token-form input { font: inherit; padding: 6px 8px; min-width: 280px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--line); background: #fff; padding: 6px 12px; }
button:disabled { cursor: default; opacity: .5; }
.intent { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 8px; padding: 12px 14px; margin-bottom: 10px; }
.intent.gone { opacity: .45; filter: grayscale(1); }
.intent .top { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
.countdown { font-size: 30px; font-weight: 800; font-variant-numeric: tabular-nums; min-width: 88px; color: var(--accent); }
.countdown.soon { color: var(--bad); }
.trade { font-size: 18px; font-weight: 600; }
.side-BUY { color: var(--buy); }
.side-SELL { color: var(--sell); }
.edge { font-variant-numeric: tabular-nums; }
.what { flex: 1 1 240px; min-width: 0; }
.actions { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.bottom { display: flex; gap: 10px; align-items: center; margin-top: 6px; }
.bottom .meta { flex: 1; margin-top: 0; }
.approve { background: var(--ok); border-color: var(--ok); color: #fff; font-weight: 700; font-size: 17px; padding: 8px 22px; }
.reject { background: #fff; border: 2px solid var(--bad); color: var(--bad); font-weight: 700; font-size: 17px; padding: 6px 18px; }
.reason-input { font: inherit; font-size: 13px; padding: 4px 6px; width: 200px; }
.meta { margin-top: 6px; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.why { margin-top: 6px; overflow-wrap: anywhere; }
.checks { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; }
.check { font-size: 12px; padding: 2px 8px; border-radius: 10px; font-variant-numeric: tabular-nums; }
.check.pass { background: #dafbe1; color: var(--ok); }
.check.fail { background: #ffebe9; color: var(--bad); font-weight: 700; }
.notice { margin-top: 8px; padding: 6px 10px; border-radius: 6px; font-weight: 600; }
.notice.error { background: #ffebe9; color: var(--bad); }
.notice.info { background: #ddf4ff; color: var(--accent); }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; background: #f6f8fa; }
td.num, th.num { text-align: right; }
td.nowrap { white-space: nowrap; }
.pos { color: var(--ok); }
.neg { color: var(--bad); }
.st { font-weight: 700; font-size: 12px; }
.st-EXECUTED { color: var(--ok); }
.st-FAILED, .st-REJECTED { color: var(--bad); }
.st-EXPIRED { color: var(--muted); }
.st-APPROVED, .st-EXECUTING { color: var(--accent); }
.switch { display: flex; align-items: center; gap: 10px; padding: 6px 10px; background: var(--card); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 6px; }
.switch.tripped { border: 2px solid var(--bad); background: #fff5f5; }
.switch .name { font-weight: 600; min-width: 120px; }
.switch .detail { color: var(--muted); font-size: 13px; flex: 1; overflow-wrap: anywhere; }
.switch button { margin-left: auto; }
`;
