import { DateTime } from 'luxon';

/** Environment variable that fixes "now" (an ISO 8601 instant), so tests and demos are repeatable. */
export const NOW_VARIABLE = 'DATELINE_NOW';

/** The current instant in milliseconds: `DATELINE_NOW` when set, else the system clock. */
export function currentTime(env: NodeJS.ProcessEnv = process.env): number {
  const fixed = env[NOW_VARIABLE];
  if (fixed === undefined || fixed === '') return Date.now();
  // Without an offset the instant is read as UTC: the machine's zone is never used.
  const instant = DateTime.fromISO(fixed, { zone: 'utc' });
  if (!instant.isValid) throw new Error(`${NOW_VARIABLE}=${fixed} is not an ISO 8601 instant (e.g. 2021-08-21T20:00:00Z).`);
  return instant.toMillis();
}
