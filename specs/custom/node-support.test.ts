/** The Node.js support rule over the real release schedule (node-releases), on fixed dates. */
import { describe, expect, it } from 'vitest';
import { nodeSupport, releaseSchedule } from './node-support.ts';

const schedule = releaseSchedule();
const at = (date: string) => new Date(`${date}T12:00:00Z`);

describe('nodeSupport on the shipped schedule', () => {
  it('reads the installed data, with Node 20 ending on 2026-04-30', () => {
    expect(schedule.source).toMatch(/^node-releases \d+\.\d+\.\d+ /);
    expect(schedule.lines.v20?.end).toBe('2026-04-30');
  });

  const cases: [string, string, string, RegExp][] = [
    [
      '20.19.0',
      '2025-06-01',
      'pass',
      /Node\.js 20\.19\.0 \(Iron\) is supported \(maintenance LTS\) until 2026-04-30/,
    ],
    ['20.20.2', '2026-04-30', 'pass', /supported \(maintenance LTS\) until 2026-04-30/], // its last day
    ['20.20.2', '2026-05-01', 'fail', /Node\.js 20\.20\.2 \(Iron\) reached end of life on 2026-04-30/],
    ['20.20.2', '2026-12-02', 'fail', /reached end of life on 2026-04-30/],
    ['v22.11.0', '2026-12-02', 'pass', /\(Jod\) is supported \(maintenance LTS\) until 2027-04-30/],
    ['24.1.0', '2025-11-01', 'pass', /\(Krypton\) is supported \(active LTS\) until 2028-04-30/],
    ['25.0.0', '2026-01-10', 'pass', /Node\.js 25\.0\.0 is supported \(current\) until 2026-06-01/],
    ['25.9.0', '2026-06-02', 'fail', /reached end of life on 2026-06-01/],
    ['18.20.4', '2026-12-02', 'fail', /\(Hydrogen\) reached end of life on 2025-04-30/],
    ['26.0.0', '2026-01-10', 'error', /starts only on 2026-05-05/],
    ['99.0.0', '2026-12-02', 'error', /the release data has no entry for Node\.js 99/],
    ['not-a-version', '2026-12-02', 'error', /is not a Node\.js version/],
  ];
  it.each(cases)('Node %s on %s: %s', (version, date, outcome, message) => {
    const result = nodeSupport(version, at(date), schedule);
    expect(result.outcome).toBe(outcome);
    expect(result.message).toMatch(message);
    expect(result.evidence).toMatchObject({ observed: version, runDate: date, source: schedule.source });
  });

  it('puts the end-of-life date in the evidence of a failure', () => {
    expect(nodeSupport('20.20.2', at('2026-12-02'), schedule).evidence).toMatchObject({
      major: 20,
      codename: 'Iron',
      endOfLife: '2026-04-30',
    });
  });

  it('calls data without valid dates inconclusive, never a verdict', () => {
    const broken = { source: 'test', lines: { v20: { start: '2023-04-18', end: '2026-02-30' } } };
    expect(nodeSupport('20.1.0', at('2026-12-02'), broken)).toMatchObject({
      outcome: 'error',
      message: 'the release data for Node.js 20 has no valid start and end dates',
    });
  });
});
