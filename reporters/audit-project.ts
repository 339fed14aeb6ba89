/** Only modules of this vitest project are audit controls; `self` runs are readyspec's own tests. */
export const AUDIT_PROJECT = 'audit';
