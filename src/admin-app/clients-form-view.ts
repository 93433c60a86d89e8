/**
 * One OAuth client's page (or the new-client form): its settings as labelled fields, checked in
 * the page, then saved with a `PUT` of the whole client (an edit keeps what the form does not
 * show); the server's bad fields are shown under the fields they concern, the others in an alert.
 * A confidential client's secret is made in the browser (`crypto.getRandomValues`) when it is
 * created, or on request, and handed to `onSecret` to be shown once. Delete after a confirmation.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { ClientRequestError, deleteClient, listClients, putClient, readClient } from './clients-client.ts';
import { formProblems, SECONDS_LIMITS } from './clients-form-checks.ts';
import { clientFieldKit } from './clients-form-fields.ts';
import type { ClientField, ClientForm } from './clients-model.ts';
import { ASSERTION_SIGNING, AUTH_METHODS, BUILT_IN_CLIENT_ID, clientBody, emptyClientForm, errorsByField, formOfClient, GRANT_TYPES, ID_TOKEN_SIGNING, KEY_LOCATIONS, needsSecret, secretOf } from './clients-model.ts';
import './clients.css';

type Feedback = { notice: string; problem: string; rest: string[]; fields: Map<ClientField, string[]> };
const QUIET: Feedback = { notice: '', problem: '', rest: [], fields: new Map() };

function newSecret(): string {
  return secretOf(crypto.getRandomValues(new Uint8Array(32)));
}

/** The page of client `id` of `realm`, or the create form when `id` is undefined. */
export function ClientFormView(props: { realm: string; id: string | undefined; notice?: string; secret?: ReactElement | null; onBack: () => void; onSaved: (id: string, secret: string | undefined) => void; onDeleted: (id: string) => void; onError: (error: unknown) => void }): ReactElement {
  const creating = props.id === undefined;
  const [original, setOriginal] = useState<Record<string, unknown> | undefined>(undefined);
  const [existing, setExisting] = useState<string[] | undefined>(undefined);
  const [form, setForm] = useState<ClientForm>(emptyClientForm);
  const [regenerate, setRegenerate] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(() => ({ ...QUIET, notice: props.notice ?? '' }));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let current = true;
    if (props.id === undefined) {
      listClients(props.realm).then(
        (clients) => current && setExisting(clients.map((client) => String(client._id))),
        (error: unknown) => current && props.onError(error),
      );
    } else {
      readClient(props.realm, props.id).then(
        (client) => {
          if (!current) return;
          if (client === undefined) setMissing(true);
          else {
            setOriginal(client);
            setForm(formOfClient(client));
          }
        },
        (error: unknown) => current && props.onError(error),
      );
    }
    return () => {
      current = false;
    };
  }, [props.realm, props.id, props.onError]);

  // A stored client that needed no secret (public, or signing with its own key) has none to keep.
  const hadSecret = original !== undefined && needsSecret(formOfClient(original));
  const sendsSecret = needsSecret(form) && (creating || regenerate || !hadSecret);

  function set<K extends ClientField>(field: K, value: ClientForm[K]): void {
    setForm((old) => ({ ...old, [field]: value }));
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const problems = formProblems(form, creating ? (existing ?? []) : undefined);
    if (problems.size > 0) {
      setFeedback({ ...QUIET, problem: 'Some settings need attention: see the fields marked below.', fields: problems });
      return;
    }
    setBusy(true);
    setFeedback(QUIET);
    const secret = sendsSecret ? newSecret() : undefined;
    try {
      const saved = await putClient(props.realm, form.clientId, clientBody(form, original, secret));
      setOriginal(saved);
      setForm(formOfClient(saved));
      setRegenerate(false);
      setFeedback({ ...QUIET, notice: creating ? 'Created.' : 'Saved.' });
      props.onSaved(form.clientId, secret);
    } catch (error) {
      if (!(error instanceof ClientRequestError) || error.status === 401 || error.status === 0) props.onError(error);
      else {
        const sorted = errorsByField(error.fields);
        setFeedback({ notice: '', problem: error.fields.length > 0 ? 'The server refused the client: see the fields marked below.' : error.message, rest: sorted.rest, fields: sorted.fields });
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    if (props.id === undefined || busy) return;
    setBusy(true);
    try {
      await deleteClient(props.realm, props.id);
      props.onDeleted(props.id);
    } catch (error) {
      if (error instanceof ClientRequestError && error.status === 404) props.onDeleted(props.id);
      else props.onError(error);
    } finally {
      setBusy(false);
    }
  }

  const kit = clientFieldKit(form, feedback.fields, set);
  const confidential = form.clientType === 'Confidential';
  const signsAssertions = confidential && form.tokenEndpointAuthMethod === 'private_key_jwt';
  const idTokenChoices = ID_TOKEN_SIGNING.map((alg) => ({ value: alg, label: alg.startsWith('HS') ? `${alg} (with the client secret)` : alg }));

  const grantErrors = feedback.fields.get('grantTypes');
  const grants = h(
    'fieldset',
    { className: 'grants', 'aria-describedby': grantErrors === undefined ? undefined : 'client-field-grantTypes-errors' },
    h('legend', null, 'Grant types'),
    ...GRANT_TYPES.map((grant) =>
      h(
        'label',
        { key: grant.value, className: 'check' },
        h('input', { type: 'checkbox', checked: form.grantTypes.includes(grant.value), onChange: (event: { target: { checked: boolean } }) => set('grantTypes', event.target.checked ? [...form.grantTypes, grant.value] : form.grantTypes.filter((value) => value !== grant.value)) }),
        ` ${grant.label}`,
      ),
    ),
    kit.errors('grantTypes'),
  );

  const secretNote =
    form.clientType === 'Public'
      ? 'A public client has no secret: it proves itself with PKCE.'
      : !needsSecret(form)
        ? 'This client signs its requests with its own key: it needs no secret.'
        : creating
          ? 'A secret is generated in this browser when you create the client, and shown once.'
          : !hadSecret
            ? 'The client now needs a secret: a new one is generated when you save, and shown once.'
            : 'The current secret is kept (Arbor never shows it).';

  const title = creating ? 'New OAuth client' : (props.id ?? '');
  const status =
    feedback.problem !== ''
      ? h('div', { className: 'error', role: 'alert' }, h('p', null, feedback.problem), feedback.rest.length === 0 ? null : h('ul', null, ...feedback.rest.map((message, index) => h('li', { key: index }, message))))
      : feedback.notice !== ''
        ? h('p', { className: 'notice client-notice', role: 'status' }, feedback.notice)
        : null;

  const header = h('div', { className: 'toolbar' }, h('button', { type: 'button', onClick: props.onBack }, '← OAuth clients'), h('h1', { id: 'client-title' }, title));
  if (missing) return h('section', { className: 'clients', 'aria-labelledby': 'client-title' }, header, h('p', { className: 'error', role: 'alert' }, `This realm has no client ${props.id ?? ''}.`));
  if (creating ? existing === undefined : original === undefined) return h('section', { className: 'clients', 'aria-labelledby': 'client-title' }, header, h('p', { className: 'clients-body' }, 'Loading…'));

  return h(
    'section',
    { className: 'clients', 'aria-labelledby': 'client-title' },
    header,
    status,
    props.secret ?? null,
    props.id === BUILT_IN_CLIENT_ID
      ? h('p', { className: 'error', role: 'alert' }, `This stored client is never used: the account page’s built-in ${BUILT_IN_CLIENT_ID} client takes its place. Delete it.`)
      : null,
    h(
      'div',
      { className: 'clients-body' },
      h(
        'form',
        { className: 'card client-form', 'aria-label': creating ? 'New OAuth client' : 'Client settings', onSubmit: (event: FormEvent) => void save(event), noValidate: true },
        h('h2', null, 'Identity'),
        creating ? kit.text('clientId', 'Client ID', '1 to 128 letters, digits, ".", "_", "~" or "-". It cannot be changed later.', { autoComplete: 'off' }) : null,
        kit.text('name', 'Display name', 'Shown on the consent page (at most 256 characters).'),
        kit.choice(
          'clientType',
          'Client type',
          [
            { value: 'Confidential', label: 'Confidential (a server that keeps a secret)' },
            { value: 'Public', label: 'Public (a browser or mobile app, PKCE)' },
          ],
          (value) => set('clientType', value === 'Public' ? 'Public' : 'Confidential'),
          'A public client has no secret: Arbor requires PKCE (S256) for its authorization requests.',
        ),
        kit.choice(
          'status',
          'Status',
          [
            { value: 'Active', label: 'Active' },
            { value: 'Inactive', label: 'Inactive (refused by the provider)' },
          ],
          (value) => set('status', value === 'Inactive' ? 'Inactive' : 'Active'),
        ),
        h('h2', null, 'Sign-in'),
        kit.lines('redirectionUris', 'Redirect URIs', 'One a line, matched exactly: https://app.example.com/callback, or a native app’s own scheme.'),
        grants,
        h('p', { className: 'hint', id: 'client-response-types' }, 'Response type: code, with the authorization code grant (the implicit and hybrid flows are refused).'),
        kit.text('scopes', 'Scopes', 'Separated by spaces: the scopes the client may ask for. Besides openid, profile, email, phone and offline_access, custom scopes for your APIs (read:orders): letters, digits and _ . : / -, at most 128 characters, at most 64. A scope’s text on the consent page is AM’s name|locale|description entry (read:orders|fr|Lire vos commandes), written through the clients REST API or a configuration import; the form keeps it while the name stays.'),
        kit.text('defaultScopes', 'Default scopes', 'Given when a request names no scope (an authorization, a device or client credentials request); each must be among the scopes.'),
        kit.check('isConsentImplied', 'Implied consent (a first-party app: no consent page)'),
        kit.check('defaultMaxAgeEnabled', 'Ask users to sign in again after a while (default max_age)', 'For requests that give no max_age of their own.'),
        form.defaultMaxAgeEnabled ? kit.seconds('defaultMaxAge', 'Default max_age (seconds)', SECONDS_LIMITS.defaultMaxAge, 'How long after signing in a user is asked to sign in again.') : null,
        h('h2', null, 'Authentication'),
        confidential
          ? kit.choice('tokenEndpointAuthMethod', 'Token endpoint authentication', AUTH_METHODS, (value) => set('tokenEndpointAuthMethod', value))
          : h('p', { className: 'hint' }, 'Token endpoint authentication: none (public client).'),
        signsAssertions ? kit.choice('publicKeyLocation', 'The client’s public keys', KEY_LOCATIONS, (value) => set('publicKeyLocation', value)) : null,
        signsAssertions && form.publicKeyLocation === 'jwks_uri' ? kit.text('jwksUri', 'JWKS URI', 'Where Arbor reads the client’s public keys (https).') : null,
        signsAssertions && form.publicKeyLocation === 'jwks' ? kit.keySet('JSON Web Key Set', 'The client’s public keys only: a private or symmetric key is refused.') : null,
        signsAssertions
          ? kit.choice(
              'tokenEndpointAuthSigningAlgorithm',
              'Assertion signing algorithm',
              ASSERTION_SIGNING.map((alg) => ({ value: alg, label: alg })),
              (value) => set('tokenEndpointAuthSigningAlgorithm', value),
              'How the client signs its private_key_jwt assertions.',
            )
          : null,
        h('p', { className: 'hint', id: 'client-secret-note' }, secretNote),
        !creating && needsSecret(form) && hadSecret
          ? h('div', { className: 'field check' }, h('input', { id: 'client-field-regenerate', type: 'checkbox', checked: regenerate, onChange: (event: { target: { checked: boolean } }) => setRegenerate(event.target.checked) }), h('label', { htmlFor: 'client-field-regenerate' }, 'Generate a new secret when saving (the old one stops working)'))
          : null,
        h('h2', null, 'Tokens'),
        kit.choice('idTokenSignedResponseAlg', 'ID token signing algorithm', idTokenChoices, (value) => set('idTokenSignedResponseAlg', value), 'RS256 unless the client needs another; HS256, HS384 and HS512 sign with the client secret (confidential clients only).'),
        h('h3', null, 'Lifetimes (seconds, 0: the realm’s default)'),
        h(
          'div',
          { className: 'lifetimes' },
          kit.seconds('accessTokenLifetime', 'Access token', SECONDS_LIMITS.accessTokenLifetime),
          kit.seconds('refreshTokenLifetime', 'Refresh token', SECONDS_LIMITS.refreshTokenLifetime),
          kit.seconds('authorizationCodeLifetime', 'Authorization code', SECONDS_LIMITS.authorizationCodeLifetime),
        ),
        h('h2', null, 'Sign-out'),
        kit.lines('postLogoutRedirectUri', 'Post-logout redirect URIs', 'One a line: where the client may send the browser after signing out.'),
        kit.text('backchannelLogoutUri', 'Back-channel logout URI', 'Arbor posts a logout token there when a session ends (optional).'),
        kit.check('backchannelLogoutSessionRequired', 'Back-channel logout needs the session id (sid)'),
        h('button', { type: 'submit', className: 'primary', disabled: busy }, creating ? 'Create client' : 'Save'),
      ),
      creating
        ? null
        : h(
            'div',
            { className: 'card client-delete' },
            h('h2', null, 'Delete'),
            confirming
              ? h(
                  'div',
                  { role: 'group', 'aria-label': 'Confirm deletion' },
                  h('p', null, `Delete ${title}? Applications using it can no longer get tokens.`),
                  h('button', { type: 'button', className: 'danger', disabled: busy, onClick: () => void remove() }, 'Delete client'),
                  ' ',
                  h('button', { type: 'button', onClick: () => setConfirming(false) }, 'Cancel'),
                )
              : h('button', { type: 'button', className: 'danger', onClick: () => setConfirming(true) }, 'Delete…'),
          ),
    ),
  );
}
