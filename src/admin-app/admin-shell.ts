/**
 * The admin app's frame: checks for an administrator's session (the realms list answers only
 * to one), shows the sign-in form otherwise, then a header with the realm switcher and sign-out,
 * and the journeys list or one journey. Where it is lives in the URL's fragment
 * (`#/<realm>/journeys[/<name>]`), so a reload or a shared link opens the same view.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { Realm } from './am-client.ts';
import { AmRequestError, listRealms, signOut } from './am-client.ts';
import { identitiesHref, identitiesPlaceOf } from './identities-model.ts';
import { IdentitiesView } from './identities-view.ts';
import { NewJourneyForm } from './editor-new-journey.ts';
import { JourneyListView } from './journey-list-view.ts';
import { JourneyView } from './journey-view.ts';
import { SignInView } from './sign-in-view.ts';

/** Where the app is: a realm, and the journey opened in it, if any. */
export interface Place {
  realm: string;
  journey: string | undefined;
}

/** The place a fragment names (`#/alpha/journeys/Login`); root's list when it names none. */
export function placeOf(hash: string): Place {
  const [realm, section, ...rest] = hash.replace(/^#\/?/, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  const journey = section === 'journeys' && rest.length > 0 && rest.join('/') !== '' ? rest.join('/') : undefined;
  return { realm: realm === undefined || realm === '' ? 'root' : realm, journey };
}

/** The fragment of `place`. */
export function hashOf(place: Place): string {
  return `#/${encodeURIComponent(place.realm)}/journeys${place.journey === undefined ? '' : `/${encodeURIComponent(place.journey)}`}`;
}

type Session = { state: 'checking' } | { state: 'signed-out'; notice: string } | { state: 'signed-in'; realms: Realm[] };

/** The whole app. */
export function AdminShell(): ReactElement {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [place, setPlace] = useState<Place>(() => placeOf(window.location.hash));
  const [error, setError] = useState('');

  const check = useCallback(async () => {
    try {
      setSession({ state: 'signed-in', realms: await listRealms() });
    } catch (failure) {
      const status = failure instanceof AmRequestError ? failure.status : 0;
      // A session that is not an administrator's is ended, or the sign-in would resume it at once.
      if (status === 403) await signOut().catch(() => undefined);
      setSession({ state: 'signed-out', notice: status === 403 ? 'This account is not an administrator of Arbor; it was signed out.' : status === 401 ? '' : failure instanceof Error ? failure.message : 'Arbor cannot be reached' });
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  useEffect(() => {
    const follow = (): void => setPlace(placeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const go = useCallback((next: Place) => {
    setError('');
    window.location.hash = hashOf(next);
    setPlace(next);
  }, []);

  const onError = useCallback((failure: unknown) => {
    if (failure instanceof AmRequestError && failure.status === 401) {
      setSession({ state: 'signed-out', notice: 'Your session ended; sign in again.' });
      return;
    }
    setError(failure instanceof Error ? failure.message : 'Something went wrong');
  }, []);

  const onSignedIn = useCallback(() => void check(), [check]);

  if (session.state === 'checking') return h('main', { className: 'sign-in' }, h('p', null, 'Loading…'));
  if (session.state === 'signed-out') return h(SignInView, { onSignedIn, notice: session.notice });

  async function leave(): Promise<void> {
    try {
      await signOut();
    } finally {
      setSession({ state: 'signed-out', notice: 'You are signed out.' });
    }
  }

  // The Identities section keeps its own place in the fragment (`#/<realm>/identities…`).
  const identities = identitiesPlaceOf(window.location.hash);
  const realms = session.realms.some((realm) => realm.name === place.realm) ? session.realms : [...session.realms, { name: place.realm }];
  return h(
    'div',
    { className: 'shell' },
    h(
      'header',
      null,
      h('span', { className: 'brand' }, 'Arbor admin'),
      h('nav', { 'aria-label': 'Sections' }, h('a', { href: hashOf({ realm: place.realm, journey: undefined }), 'aria-current': place.journey === undefined && identities === undefined ? 'page' : undefined }, 'Journeys'), h('a', { href: identitiesHref(place.realm), 'aria-current': identities === undefined ? undefined : 'page' }, 'Identities')),
      h(
        'label',
        { className: 'realm' },
        'Realm ',
        h('select', { value: place.realm, onChange: (event: { target: { value: string } }) => go({ realm: event.target.value, journey: undefined }) }, ...realms.map((realm) => h('option', { key: realm.name, value: realm.name }, realm.name))),
      ),
      h('button', { type: 'button', onClick: () => void leave() }, 'Sign out'),
    ),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    identities !== undefined
      ? h(IdentitiesView, { realm: place.realm, place: identities, onError })
      : place.journey === undefined
      ? h('div', { className: 'journeys-page' }, h(NewJourneyForm, { realm: place.realm, onCreate: (name: string) => go({ realm: place.realm, journey: name }) }), h(JourneyListView, { realm: place.realm, onOpen: (name: string) => go({ realm: place.realm, journey: name }), onError }))
      : h(JourneyView, { realm: place.realm, name: place.journey, onBack: () => go({ realm: place.realm, journey: undefined }), onError }),
  );
}
