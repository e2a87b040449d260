/**
 * How fresh risk's in-memory view of kill switches and the portfolio is kept. Events it hears and
 * its own writes update the view at once; a read of Postgres on this interval catches what no
 * event told it (a missed broadcast, a fill, a clear).
 */
export const RISK_STATE_REFRESH_MS = 1000;

/**
 * A view older than this is not used for a decision: Postgres is read first (the safe default
 * when the refresh loop is stuck or Postgres is slow). Three refresh intervals.
 */
export const RISK_STATE_MAX_AGE_MS = 3000;
