/** Readers for policy `params`: each returns the typed value or throws INVALID_POLICY_PARAMS naming the policy. */
import { policyError } from './errors.ts';

function invalid(policyId: string, name: string, expected: string): never {
  throw policyError('INVALID_POLICY_PARAMS', `Policy "${policyId}": params.${name} must be ${expected}`);
}

/** A finite number param. */
export function numberParam(params: Record<string, unknown>, name: string, policyId: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(policyId, name, 'a number');
  return value;
}

/** A string param. */
export function stringParam(params: Record<string, unknown>, name: string, policyId: string): string {
  const value = params[name];
  if (typeof value !== 'string') invalid(policyId, name, 'a string');
  return value;
}

/** An optional string param. */
export function optionalStringParam(params: Record<string, unknown>, name: string, policyId: string): string | undefined {
  return params[name] === undefined || params[name] === null ? undefined : stringParam(params, name, policyId);
}

/** A list of strings; a string is split on commas (IDM's legacy CSV form of `disallowedFields`). */
export function stringListParam(params: Record<string, unknown>, name: string, policyId: string): string[] {
  const value = params[name];
  if (typeof value === 'string') return value.split(',');
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) invalid(policyId, name, 'a list of strings');
  return value;
}
