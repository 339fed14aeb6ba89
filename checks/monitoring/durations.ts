/** Prometheus-style durations (`15d`, `1y`, `720h`, `1d12h`) and small age helpers. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

/**
 * Milliseconds of a Prometheus duration string; undefined when it is not one.
 * @example parseDuration('1d12h') // 129600000
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(ms|[smhdwy]))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+)(ms|[smhdwy])/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

/** Days in a duration, rounded to two decimals for messages and evidence. */
export function days(ms: number): number {
  return Math.round((ms / 86_400_000) * 100) / 100;
}

/** Seconds between an ISO timestamp and `now` (never negative); undefined for a missing or zero time. */
export function ageSeconds(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  // Go's zero time (0001-01-01) means "never": Prometheus reports it for unscraped targets.
  if (Number.isNaN(t) || t <= 0) return undefined;
  return Math.max(0, Math.round((now.getTime() - t) / 100) / 10);
}
