/**
 * The OAuth client form's own checks, by field, before anything is sent: the same rules the
 * server applies (client id, grants and redirect URIs, scopes the provider can grant, the keys of a
 * `private_key_jwt` client, ID token signing, lifetimes and their bounds), worded for the form. The
 * server's refusal of anything the form does not check is shown beside the field all the same.
 */
import { customScopeCountProblem, scopeNameProblem } from '../oauth2/registrable-scope.ts';
import { isRecord, own } from './am-client.ts';
import type { ClientField, ClientForm } from './clients-model.ts';
import { BUILT_IN_CLIENT_ID, linesOf, scopesOf } from './clients-model.ts';

/** What a client id may be (as the server checks it). */
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,128}$/;

/** The form's fields of seconds. */
const SECONDS_FIELDS = ['accessTokenLifetime', 'refreshTokenLifetime', 'authorizationCodeLifetime', 'defaultMaxAge'] as const;

/** The largest value of each field of seconds, as the server accepts it. */
export const SECONDS_LIMITS: Readonly<Record<(typeof SECONDS_FIELDS)[number], number>> = {
  accessTokenLifetime: 31_536_000,
  refreshTokenLifetime: 315_360_000,
  authorizationCodeLifetime: 3600,
  defaultMaxAge: 31_536_000,
};

/** The largest key set accepted, in characters (the server counts UTF-8 bytes: 16 KiB). */
const MAX_KEY_SET = 16 * 1024;

/** Why the key set text cannot be sent, or undefined. */
function keySetProblem(text: string): string | undefined {
  if (text.trim() === '') return 'private_key_jwt needs the client’s public keys: paste its JSON Web Key Set, or read them from a URL.';
  if (text.length > MAX_KEY_SET) return `A key set is at most ${MAX_KEY_SET} characters.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'Not JSON: paste a JSON Web Key Set ({"keys": […]}).';
  }
  if (!isRecord(parsed) || !Array.isArray(own(parsed, 'keys'))) return 'A JSON Web Key Set is an object with a "keys" list.';
  return undefined;
}

/** Why the scopes of `text` cannot be registered, one message a problem. */
function scopeProblems(text: string): string[] {
  const names = scopesOf(text);
  const problems = names.flatMap((name) => {
    const problem = scopeNameProblem(name, true);
    return problem === undefined ? [] : [`“${name.length > 80 ? `${name.slice(0, 80)}…` : name}” ${problem}.`];
  });
  const count = customScopeCountProblem(names);
  if (count !== undefined) problems.push(`The scopes ${count}.`);
  return problems;
}

/** Problems with the form, by field, found before anything is sent (`existing`: the realm's client ids, when creating). */
export function formProblems(form: ClientForm, existing?: readonly string[]): Map<ClientField, string[]> {
  const problems = new Map<ClientField, string[]>();
  const add = (field: ClientField, message: string): void => void problems.set(field, [...(problems.get(field) ?? []), message]);
  if (existing !== undefined) {
    if (!CLIENT_ID.test(form.clientId) || form.clientId === '.' || form.clientId === '..') add('clientId', 'Use 1 to 128 letters, digits, ".", "_", "~" or "-".');
    else if (form.clientId === BUILT_IN_CLIENT_ID) add('clientId', `${BUILT_IN_CLIENT_ID} is the account page’s built-in client: choose another id.`);
    else if (existing.includes(form.clientId)) add('clientId', 'This realm already has a client with this id.');
  }
  if (form.name.trim().length > 256) add('name', 'At most 256 characters.');
  if (form.grantTypes.length === 0) add('grantTypes', 'Choose at least one grant type.');
  if (form.grantTypes.includes('authorization_code') && linesOf(form.redirectionUris).length === 0) add('redirectionUris', 'The authorization code grant needs at least one redirect URI.');
  if (form.clientType === 'Public' && form.grantTypes.includes('client_credentials')) add('grantTypes', 'A public client cannot use client credentials: it has no secret.');
  for (const message of scopeProblems(form.scopes)) add('scopes', message);
  const names = new Set(scopesOf(form.scopes));
  const strays = scopesOf(form.defaultScopes).filter((scope) => !names.has(scope));
  if (strays.length > 0) add('defaultScopes', `Not among the scopes: ${strays.join(', ')}.`);
  if (form.clientType === 'Confidential' && form.tokenEndpointAuthMethod === 'private_key_jwt') {
    if (form.publicKeyLocation === 'jwks') {
      const problem = keySetProblem(form.jwkSet);
      if (problem !== undefined) add('jwkSet', problem);
    } else if (form.publicKeyLocation !== 'jwks_uri') add('publicKeyLocation', 'Arbor reads a private_key_jwt client’s keys from a URL or a key set given here.');
    else if (form.jwksUri.trim() === '') add('jwksUri', 'private_key_jwt needs the URL of the client’s public keys.');
    else if (!/^https?:\/\/[^\s]+$/i.test(form.jwksUri.trim())) add('jwksUri', 'An absolute http(s) URL.');
  }
  if (form.clientType === 'Public' && form.idTokenSignedResponseAlg.startsWith('HS')) add('idTokenSignedResponseAlg', `${form.idTokenSignedResponseAlg} signs with the client secret: a public client has none. Choose RS256 or another public-key algorithm.`);
  for (const field of SECONDS_FIELDS) {
    const max = SECONDS_LIMITS[field];
    const text = form[field].trim();
    if (!/^\d{1,10}$/.test(text) || Number(text) > max) add(field, field === 'defaultMaxAge' ? `A whole number of seconds, at most ${max}.` : `A whole number of seconds, at most ${max} (0: the realm’s default).`);
  }
  return problems;
}
