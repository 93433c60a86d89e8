/**
 * The consent page of an interaction (interactions.ts says when: a consent prompt of the signed-in
 * user): `showConsent` makes the page (the application's name, the scopes and claims asked, each
 * scope with the client's own text of it in the page's language when its entries give one, AM's
 * `name|locale|description`, a form with its token, consent-token.ts); `answerConsent` takes the
 * posted answer only from the browser of that user's session, for that interaction, not from
 * another site: Allow grants exactly what was asked and remembers it (consent-grant.ts), finishing
 * the interaction with the grant; Deny finishes it with `access_denied`. Anything else is a page
 * saying to start again. The route sends the pages (with the pages' headers; `formTarget` is the
 * application's redirect URI, where the form's answer ends) and finishes the interaction.
 */
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { consentDocument, consentProblemDocument } from '../pages/consent-document.ts';
import { formTargetOf } from '../pages/oidc-page-look.ts';
import type { PageContext } from '../pages/page-document.ts';
import { scopeTextFor } from '../oauth2/scope-entry.ts';
import type { ArborLogin } from './arbor-login.ts';
import { clientRecordOf } from './client-adapter.ts';
import { consentAsked, grantConsent } from './consent-grant.ts';
import { consentToken, consentTokenMatches } from './consent-token.ts';

/** A page to send, or the interaction's result. */
export type ConsentAnswer = { kind: 'page'; status: number; html: string; formTarget?: string } | { kind: 'finish'; result: InteractionResults };

/** What the page says of the client: its name (or id), and the client's own texts of the scopes asked in the page's language. */
async function clientView(provider: Provider, clientId: string, scopes: readonly string[], language: string): Promise<{ clientName: string; scopeTexts: Map<string, string> }> {
  const client = await provider.Client.find(clientId);
  const name = client?.clientName;
  const texts = client === undefined ? undefined : clientRecordOf(provider, clientId)?.scopeTexts;
  const scopeTexts = new Map<string, string>();
  for (const scope of scopes) {
    const text = scopeTextFor(texts, scope, language);
    if (text !== undefined) scopeTexts.set(scope, text);
  }
  return { clientName: typeof name === 'string' && name.trim() !== '' ? name.slice(0, 200) : clientId, scopeTexts };
}

function problem(context: PageContext, status: number, reason: 'expired' | 'notVerified'): ConsentAnswer {
  return { kind: 'page', status, html: consentProblemDocument(context, reason) };
}

/** The consent page of `interaction` for `login`, its form posting to `action`. */
export async function showConsent(provider: Provider, interaction: Interaction, login: ArborLogin, context: PageContext, action: string): Promise<ConsentAnswer> {
  const asked = consentAsked(interaction);
  if (asked === undefined || asked.accountId !== login.accountId) return problem(context, 400, 'expired');
  const view = { ...(await clientView(provider, asked.clientId, asked.scopes, context.lang)), scopes: asked.scopes, claims: asked.claims, action, token: consentToken(login.token, interaction.uid, login.accountId) };
  const target = formTargetOf(Object.hasOwn(interaction.params, 'redirect_uri') ? interaction.params.redirect_uri : undefined);
  return { kind: 'page', status: 200, html: consentDocument(context, view), ...(target === undefined ? {} : { formTarget: target }) };
}

/** The answer posted to the consent page of `interaction` (`form`: its fields; `crossSite`: the browser says another site sent it). */
export async function answerConsent(provider: Provider, interaction: Interaction, login: ArborLogin | undefined, form: URLSearchParams | undefined, crossSite: boolean, context: PageContext): Promise<ConsentAnswer> {
  const asked = consentAsked(interaction);
  if (asked === undefined || login === undefined || asked.accountId !== login.accountId) return problem(context, 400, 'expired');
  const tokens = form?.getAll('token') ?? [];
  const decisions = form?.getAll('decision') ?? [];
  const token = tokens.length === 1 ? (tokens[0] ?? '') : '';
  if (crossSite || !consentTokenMatches(login.token, interaction.uid, login.accountId, token) || decisions.length !== 1) return problem(context, 403, 'notVerified');
  if (decisions[0] === 'allow') return { kind: 'finish', result: { consent: { grantId: await grantConsent(provider, asked) } } };
  return { kind: 'finish', result: { error: 'access_denied', error_description: 'the user denied access' } };
}
