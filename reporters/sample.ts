/** A small, fixed run for the reporter's own tests and snapshots: policy, rubric and rows. */
import { defaultRubric } from '../policies/default-rubric.ts';
import type { Policy, Rubric } from '../policies/types.ts';
import type { ControlMeta } from './meta.ts';

export function sampleRow(over: Partial<ControlMeta> & Pick<ControlMeta, 'id'>): ControlMeta {
  return {
    title: `Control ${over.id}`,
    category: 'availability',
    severity: 'medium',
    check: 'http.status',
    target: 'web',
    targetKind: 'endpoint',
    blocking: false,
    outcome: 'pass',
    message: 'ok',
    evidence: {},
    durationMs: 1,
    ...over,
  };
}

export function samplePolicy(over: Partial<Policy> = {}, rubric: Partial<Rubric> = {}): Policy {
  return {
    name: 'fixtures/policies/sample',
    baseDir: '/nonexistent',
    files: [],
    inventory: {
      hosts: [],
      endpoints: [],
      monitoring: [],
      repositories: [],
      documents: [],
      backups: [],
      phases: [],
    },
    rubric: { ...defaultRubric, ...rubric },
    controls: [],
    waivers: [],
    warnings: [],
    ...over,
  };
}

/** A mixed run: passes, a failed critical (cap), an inconclusive, a waiver, n/a, a sign-off. */
export function sampleRows(): ControlMeta[] {
  return [
    sampleRow({
      id: 'AVAIL-HTTP-001',
      title: 'Site answers 200',
      evidence: { observed: 200, expected: [200], source: 'https://web.example/' },
    }),
    sampleRow({
      id: 'AVAIL-HTTP-002',
      title: 'API p95 latency',
      check: 'http.latency',
      target: 'api',
      severity: 'high',
      outcome: 'fail',
      message: 'p95 812 ms over the 500 ms budget',
      evidence: {
        observed: { p50: 120, p95: 812 },
        expected: { p95: 500 },
        source: 'https://api.example/health',
      },
      remediation: 'Profile the slow handler | add caching',
    }),
    sampleRow({
      id: 'REL-DISK-001',
      title: 'Disk below 80%',
      category: 'reliability',
      check: 'host.disk',
      target: 'app-1',
      targetKind: 'host',
    }),
    sampleRow({
      id: 'SEC-TLS-001',
      title: 'Certificate valid 14 days',
      category: 'security',
      severity: 'critical',
      blocking: true,
      check: 'tls.certificate',
      target: 'web',
      outcome: 'fail',
      message: 'certificate expired 2 days ago',
      evidence: { observed: '2024-12-29', expected: '>= 14 days', source: 'web.example:443' },
    }),
    sampleRow({
      id: 'SEC-HDR-001',
      title: 'Security headers',
      category: 'security',
      check: 'http.headers',
      outcome: 'waived',
      message: 'missing Content-Security-Policy',
      waiver: {
        justification: 'CSP rollout in Q2',
        owner: 'alice',
        approver: 'bob',
        expires: '2025-03-01',
        status: 'active',
      },
    }),
    sampleRow({
      id: 'SEC-HDR-002',
      title: 'HSTS',
      category: 'security',
      check: 'http.headers',
      outcome: 'fail',
      message: 'missing Strict-Transport-Security',
      waiver: {
        justification: 'legacy host',
        owner: 'carol',
        approver: 'dave',
        expires: '2024-12-01',
        status: 'lapsed',
      },
    }),
    sampleRow({
      id: 'MON-PROM-001',
      title: 'Targets up',
      category: 'monitoring',
      check: 'prometheus.targets',
      target: 'prom',
      targetKind: 'monitoring',
      phase: 'go-live',
    }),
    sampleRow({
      id: 'MON-PROM-002',
      title: 'Rules loaded',
      category: 'monitoring',
      check: 'prometheus.rules',
      target: 'prom',
      targetKind: 'monitoring',
      outcome: 'error',
      message: 'connect ECONNREFUSED 127.0.0.1:9090',
      phase: 'go-live',
    }),
    sampleRow({
      id: 'BAK-AGE-001',
      title: 'Backup younger than 26 h',
      category: 'backup-dr',
      check: 'backup.age',
      target: 'nightly',
      targetKind: 'backup',
      outcome: 'not-applicable',
      message: 'no backups configured on this host',
    }),
    sampleRow({
      id: 'ACC-SIGN-001',
      title: 'Go-live signed off',
      category: 'acceptance',
      check: 'acceptance.signoff',
      target: 'go-live',
      targetKind: 'phase',
      outcome: 'fail',
      message: 'phase go-live is closed but not signed',
      evidence: {
        phase: 'go-live',
        status: 'awaiting',
        decision: null,
        conditions: null,
        signer: null,
        date: null,
      },
    }),
    sampleRow({
      id: 'ACC-SIGN-002',
      title: 'Pilot signed off',
      category: 'acceptance',
      check: 'acceptance.signoff',
      target: 'pilot',
      targetKind: 'phase',
      evidence: {
        phase: 'pilot',
        status: 'conditional',
        decision: 'conditional',
        conditions: 'fix backups within 30 days',
        signer: 'Erin Auditor',
        date: '2025-01-20',
      },
    }),
  ];
}
