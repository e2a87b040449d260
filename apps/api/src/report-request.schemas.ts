import { z } from 'zod';

const instant = (name: string) =>
  z.string({ invalid_type_error: `${name} must be given once` }).trim().min(1, `${name} is empty`).max(40, `${name} is longer than 40 characters`);

/** `GET /report` query; strict, so a misspelled parameter is a 400 rather than a silently different window. */
export const reportQuerySchema = z.object({ since: instant('since').optional(), until: instant('until').optional() }).strict();
export type ReportQuery = z.output<typeof reportQuerySchema>;

/** The switch name in `POST /kill-switches/:name/clear`; KillSwitchService checks it against the known names. */
export const killSwitchNameSchema = z.string().trim().min(1, 'kill switch name is empty').max(40, 'kill switch name is longer than 40 characters');
