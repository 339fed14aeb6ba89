/** The seed rubric, from the readiness proposal readyspec grew out of (DESIGN.md, Grading). */
import type { Rubric } from './types.ts';

export const defaultRubric: Rubric = {
  timezone: 'UTC',
  severityWeights: { info: 0, low: 1, medium: 3, high: 7, critical: 10 },
  categories: {
    availability: { weight: 20, title: 'Availability' },
    reliability: { weight: 10, title: 'Reliability' },
    monitoring: { weight: 12, title: 'Monitoring' },
    security: { weight: 15, title: 'Security' },
    documentation: { weight: 15, title: 'Documentation' },
    'backup-dr': { weight: 10, title: 'Backup & DR' },
    'change-control': { weight: 8, title: 'Change control' },
    acceptance: { weight: 10, title: 'Acceptance' },
  },
  thresholds: [
    { letter: 'A+++', min: 95 },
    { letter: 'A+', min: 90 },
    { letter: 'A', min: 85 },
    { letter: 'A-', min: 80 },
    { letter: 'B+', min: 75 },
    { letter: 'B', min: 70 },
    { letter: 'C+', min: 65 },
    { letter: 'C', min: 60 },
  ],
  failing: 'Failing',
  caps: { critical: 'C' },
  coverage: { maxInconclusive: 0.1 },
  decision: { minScore: 85, blockingSeverities: ['critical'] },
  waivers: { maxDays: 90 },
  reports: [
    {
      id: 'SERVICE_HEALTH_REPORT',
      title: 'Service health report',
      categories: ['availability', 'reliability'],
    },
    { id: 'SECURITY_AUDIT', title: 'Security audit', categories: ['security'] },
    { id: 'MONITORING_VALIDATION', title: 'Monitoring validation', categories: ['monitoring'] },
    { id: 'BACKUP_DR_STATUS', title: 'Backup and DR status', categories: ['backup-dr'] },
  ],
};
