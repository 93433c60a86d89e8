/** A whole-number option (`--limit 50`) checked against its range, as a usage error in words. */
import { usageError } from './cli-error.ts';

/** The integer `raw` holds for `--<name>`, from `min` to `max`; a usage error otherwise. */
export function integerOption(name: string, raw: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  throw usageError(`--${name} must be an integer ${range}, got "${raw}"`);
}
