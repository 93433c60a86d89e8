/**
 * The Social providers section's calls, same origin with the session cookie: AM's Social Identity
 * Provider Service of a realm (list, read, PUT, DELETE), Arbor's discovery action ("fill from
 * well-known URL") and the realm's public relying-party key set. A failed call throws a
 * `SocialRequestError` (an `AmRequestError`, so the shell treats a 401 as an ended session) with
 * the fields a refused write names (`detail.errors`).
 */
import { fieldErrorsOf } from './field-errors.ts';
import { sendJson } from './send-json.ts';
import type { ProviderType } from '../social/provider-config.ts';
import { AmRequestError, isRecord, realmBase } from './am-client.ts';
import type { FieldProblem } from './social-model.ts';
import { rpJwksUrl } from './social-model.ts';

/** A failed call; `fields` lists the bad fields of a refused write. */
export class SocialRequestError extends AmRequestError {
  readonly fields: FieldProblem[];
  constructor(status: number, message: string, fields: FieldProblem[] = []) {
    super(status, message);
    this.fields = fields;
  }
}

function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = { 'accept-api-version': 'resource=1.0' }): Promise<unknown> {
  // `no-store`: the key set is served cacheable, and a realm's keys change under the page.
  return sendJson(method, path, { body, headers, cache: 'no-store', failure: (status, message, json) => new SocialRequestError(status, message, fieldErrorsOf(json)) });
}

function serviceBase(realm: string): string {
  return `${realmBase(realm)}/realm-config/services/SocialIdentityProviders`;
}

function instancePath(realm: string, type: ProviderType, name: string): string {
  return `${serviceBase(realm)}/${encodeURIComponent(type)}/${encodeURIComponent(name)}`;
}

/** Every provider of the realm (AM's `nextdescendents`). */
export function listProviders(realm: string): Promise<unknown> {
  return call('POST', `${serviceBase(realm)}?_action=nextdescendents`, {});
}

/** One provider, as stored (without its secret). */
export async function readProvider(realm: string, type: ProviderType, name: string): Promise<Record<string, unknown>> {
  const answer = await call('GET', instancePath(realm, type, name));
  if (!isRecord(answer)) throw new SocialRequestError(502, 'Arbor answered something that is not a provider');
  return answer;
}

/** Creates or replaces a provider (AM's PUT does both; the form checks the list before creating). */
export async function saveProvider(realm: string, type: ProviderType, name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await call('PUT', instancePath(realm, type, name), body);
  return isRecord(answer) ? answer : {};
}

/** Deletes a provider. */
export async function deleteProvider(realm: string, type: ProviderType, name: string): Promise<void> {
  await call('DELETE', instancePath(realm, type, name));
}

/** The discovery route's answer for `wellKnownEndpoint`. */
export function discover(realm: string, wellKnownEndpoint: string): Promise<unknown> {
  return call('POST', `${serviceBase(realm)}/discovery?_action=discover`, { wellKnownEndpoint });
}

/** The realm's public relying-party key set. */
export function readRpJwks(realm: string): Promise<unknown> {
  return call('GET', rpJwksUrl(window.location.origin, realm), undefined, {});
}
