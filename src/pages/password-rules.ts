/**
 * The rules of a ValidatedCreatePasswordCallback's `policies` (IDM's policy object) that a browser
 * can check while the person types: lengths, capitals, digits and forbidden characters. Each rule
 * keeps its requirement and params, so the page words it like a failed policy. Other policies
 * (unique, not containing other fields, history) are only checked by the server.
 */
import { ownValue } from './callback-values.ts';

/** A rule the page script checks: `min`/`max` characters, at least `caps` capitals or `nums` digits, none of `chars`. */
export interface PasswordRule {
  requirement: string;
  params: Record<string, unknown>;
  /** The check the page script runs, as `data-check` (`min:8`, `caps:1`, `nums:1`, `max:64`, `chars:abc`). */
  check: string;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 1000 ? number : undefined;
}

function checkOf(policyId: string, params: unknown): string | undefined {
  switch (policyId) {
    case 'minimum-length': {
      const min = count(ownValue(params, 'minLength'));
      return min === undefined ? undefined : `min:${min}`;
    }
    case 'maximum-length': {
      const max = count(ownValue(params, 'maxLength'));
      return max === undefined ? undefined : `max:${max}`;
    }
    case 'at-least-X-capitals': {
      const caps = count(ownValue(params, 'numCaps'));
      return caps === undefined ? undefined : `caps:${caps}`;
    }
    case 'at-least-X-numbers': {
      const nums = count(ownValue(params, 'numNums'));
      return nums === undefined ? undefined : `nums:${nums}`;
    }
    case 'cannot-contain-characters': {
      const chars = ownValue(params, 'forbiddenChars');
      const list = Array.isArray(chars) ? chars.filter((entry): entry is string => typeof entry === 'string' && entry.length === 1) : [];
      return list.length === 0 ? undefined : `chars:${list.join('')}`;
    }
    default:
      return undefined;
  }
}

/** The checkable rules of `policies`, in their order (at most 20). */
export function passwordRules(policies: unknown): PasswordRule[] {
  const list = ownValue(policies, 'policies');
  if (!Array.isArray(list)) return [];
  return list.slice(0, 20).flatMap((policy) => {
    const policyId = ownValue(policy, 'policyId');
    const requirements = ownValue(policy, 'policyRequirements');
    const requirement = Array.isArray(requirements) && typeof requirements[0] === 'string' ? requirements[0] : undefined;
    if (typeof policyId !== 'string' || requirement === undefined) return [];
    const params = ownValue(policy, 'params');
    const check = checkOf(policyId, params);
    const record = typeof params === 'object' && params !== null && !Array.isArray(params) ? Object.fromEntries(Object.entries(params)) : {};
    return check === undefined ? [] : [{ requirement, params: record, check }];
  });
}
