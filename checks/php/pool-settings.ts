/** What a pool sets for PHP itself: php_admin_value/flag win over php_value/flag, as in PHP-FPM. */
import type { Pool } from './read.ts';

/** The pool's own value of a php.ini directive, or undefined when it leaves it to php.ini. */
export function poolIni(pool: Pool, key: string): string | undefined {
  for (const kind of ['php_admin_value', 'php_admin_flag', 'php_value', 'php_flag']) {
    const v = pool.settings[`${kind}[${key}]`];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** PHP's reading of a boolean ini value. */
export function iniOn(value: string): boolean {
  return ['1', 'on', 'yes', 'true'].includes(value.trim().toLowerCase());
}
