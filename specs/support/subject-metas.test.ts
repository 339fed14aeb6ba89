import { describe, expect, it } from 'vitest';
import { fail, inconclusive, pass, perSubject, subject } from '../../checks/probe.ts';
import { subjectMetas } from './subject-metas.ts';

describe('subjectMetas', () => {
  it('gives one entry per subject, numbering repeated names and carrying where the collection was read', () => {
    const result = perSubject(
      'master',
      'containers',
      [
        subject('web', pass('web: healthy', { observed: 'healthy' })),
        subject('db', fail('db: unhealthy', { observed: 'unhealthy', source: 'inspect db' })),
        subject('web', inconclusive('web: no answer', {})),
      ],
      { source: 'docker via ssh' },
    );
    expect(result.outcome).toBe('fail');
    expect(result.message).toBe('master: 1 of 3 containers pass, 1 fail, 1 could not be evaluated');
    expect(subjectMetas(result)).toEqual([
      {
        subject: 'web',
        result: {
          outcome: 'pass',
          message: 'web: healthy',
          evidence: { source: 'docker via ssh', observed: 'healthy' },
        },
      },
      {
        subject: 'db',
        result: {
          outcome: 'fail',
          message: 'db: unhealthy',
          evidence: { observed: 'unhealthy', source: 'inspect db' },
        },
      },
      {
        subject: 'web (2)',
        result: { outcome: 'error', message: 'web: no answer', evidence: { source: 'docker via ssh' } },
      },
    ]);
  });

  it('keeps a result without subjects whole (the collection could not be read, or was empty)', () => {
    const unreadable = inconclusive('engine unreachable', { error: 'ECONNREFUSED' });
    expect(subjectMetas(unreadable)).toEqual([{ result: unreadable }]);
    const empty = perSubject('master', 'containers', []);
    expect(empty.outcome).toBe('not-applicable');
    expect(subjectMetas(empty)).toEqual([{ result: empty }]);
  });
});
