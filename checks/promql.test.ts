/** promqlProblem: Prometheus's own grammar (lezer-promql) decides, with the position of the first error. */
import { describe, expect, it } from 'vitest';
import { promqlProblem } from './promql.ts';

describe('promqlProblem', () => {
  it.each([
    'up{job="node"}',
    'sum by (tenant) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (tenant) (rate(http_requests_total[5m]))',
    'avg_over_time(probe_success[30d:1m]) >= bool 0.999',
    'absent(up{job="x"} offset 5m)',
  ])('accepts %s', (q) => expect(promqlProblem(q)).toBeUndefined());

  it.each([
    ['up{', 4],
    ['rate(x[5m]', 11],
    ['avg(up) by tenant', 12],
    ['nosuchfunction(up)', 15],
    ['up +', 5],
  ])('refuses %s at character %i', (q, at) => {
    expect(promqlProblem(q)).toMatch(new RegExp(`does not parse at character ${at} `));
  });

  it('caps the query length', () => expect(promqlProblem('u'.repeat(20_000))).toMatch(/more than 16384/));
});
