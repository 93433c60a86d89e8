/**
 * The itsme® key panel: the realm's relying-party key set URL (what itsme is given as the
 * jwkset_uri) with a copy button and a link that downloads the public keys; when the realm has no
 * signing or no encryption key yet, the `arbor keys generate --itsme` command that makes them.
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { readRpJwks } from './social-client.ts';
import { rpJwksUrl, rpKeyStatus } from './social-model.ts';
import './social.css';

type KeyState = { kind: 'loading' } | { kind: 'read'; signing: number; encryption: number; ready: boolean } | { kind: 'failed'; message: string };

/** The panel for `realm`. */
export function ItsmeKeysPanel(props: { realm: string }): ReactElement {
  const url = rpJwksUrl(window.location.origin, props.realm);
  const [keys, setKeys] = useState<KeyState>({ kind: 'loading' });
  const [copied, setCopied] = useState('');

  useEffect(() => {
    let current = true;
    readRpJwks(props.realm).then(
      (jwks) => current && setKeys({ kind: 'read', ...rpKeyStatus(jwks) }),
      (error: unknown) => current && setKeys({ kind: 'failed', message: error instanceof Error ? error.message : 'The key set could not be read.' }),
    );
    return () => {
      current = false;
    };
  }, [props.realm]);

  function copy(): void {
    const clipboard = typeof navigator.clipboard?.writeText === 'function' ? navigator.clipboard : undefined;
    if (clipboard === undefined) {
      setCopied('Copying is not available here: select the URL and copy it.');
      return;
    }
    clipboard.writeText(url).then(
      () => setCopied('Copied the key set URL.'),
      () => setCopied('Copying was refused: select the URL and copy it.'),
    );
  }

  const command = `arbor keys generate --realm ${props.realm} --itsme`;
  return h(
    'aside',
    { className: 'social-keys', 'aria-labelledby': 'social-keys-title' },
    h('h2', { id: 'social-keys-title' }, 'Relying-party keys for itsme®'),
    h('p', null, 'itsme verifies the realm’s signed client assertions and encrypts ID tokens and user info with the realm’s public keys, which it reads from this URL. Give it to itsme as the jwkset_uri of your client.'),
    h(
      'div',
      { className: 'social-keys-url' },
      h('label', { htmlFor: 'social-rp-jwks' }, 'Relying-party JWKS URL'),
      h('input', { id: 'social-rp-jwks', type: 'text', readOnly: true, value: url, onFocus: (event: { target: { select: () => void } }) => event.target.select() }),
      h('button', { type: 'button', onClick: copy }, 'Copy URL'),
      h('a', { href: url, download: `${props.realm}-rp-jwks.json` }, 'Download public keys'),
    ),
    copied === '' ? null : h('p', { role: 'status', className: 'social-status' }, copied),
    keys.kind === 'loading'
      ? h('p', null, 'Reading the realm’s keys…')
      : keys.kind === 'failed'
        ? h('p', { className: 'error', role: 'alert' }, `The realm’s key set could not be read: ${keys.message}`)
        : keys.ready
          ? h('p', { role: 'status', className: 'social-keys-ready' }, `The realm publishes ${keys.signing} signing and ${keys.encryption} encryption key${keys.encryption === 1 ? '' : 's'}.`)
          : h(
              'div',
              { className: 'social-keys-missing', role: 'status' },
              h('p', null, h('strong', null, 'This realm has no relying-party keys for itsme yet'), ` (${keys.signing} signing, ${keys.encryption} encryption). Make them on the server with:`),
              h('pre', null, h('code', null, `ARBOR_PUBLIC_URL=${window.location.origin} npm run arbor -- keys generate --realm ${props.realm} --itsme`)),
              h('p', null, `(${command} makes an RSA-2048 signing key for RS256 and an encryption key for RSA-OAEP, with certificates, and prints the URL above.) Keys are not made over the web: the private halves never leave the server.`),
            ),
  );
}
