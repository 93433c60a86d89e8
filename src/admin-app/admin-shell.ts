/**
 * The admin app's frame: checks for an administrator's session (the realms list answers only
 * to one), shows the sign-in form otherwise, then a header with the sections, the realm switcher
 * and sign-out, and the chosen section's view. Where it is lives in the URL's fragment
 * (`#/<realm>/<section>/<path…>`), so a reload or a shared link opens the same view. Leaving the
 * journey editor with unsaved changes (a link, the realm, the back button) asks first
 * (`editor-leave-guard.ts`); refused, the address goes back to the editor's.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { Realm } from './am-client.ts';
import { AmRequestError, listRealms, signOut } from './am-client.ts';
import { accessOf } from './admin-access.ts';
import { readLoginRoles } from './idm-client.ts';
import type { Place } from './admin-section.ts';
import { hashOf, placeOf } from './admin-section.ts';
import { mayLeave } from './editor-leave-guard.ts';
import { SECTIONS } from './admin-sections.ts';
import { SignInView } from './sign-in-view.ts';

type Session = { state: 'checking' } | { state: 'signed-out'; notice: string } | { state: 'signed-in'; realms: Realm[]; limited: boolean; readOnly: boolean };

/** The whole app. */
export function AdminShell(): ReactElement {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [place, setPlace] = useState<Place>(() => placeOf(window.location.hash));
  const [error, setError] = useState('');

  const check = useCallback(async () => {
    try {
      // The roles say which realms the caller may open (a realm administrator: theirs only) and whether they only read.
      const access = accessOf(await readLoginRoles());
      if (access === undefined) throw new AmRequestError(403, 'not an administrator');
      const realms = access.realms === undefined ? await listRealms() : access.realms.map((name) => ({ name }));
      setSession({ state: 'signed-in', realms, limited: access.realms !== undefined, readOnly: access.readOnly });
      const first = realms[0];
      if (access.realms !== undefined && first !== undefined && !access.realms.includes(placeOf(window.location.hash).realm)) {
        window.location.hash = hashOf({ realm: first.name, section: 'journeys', path: [] });
      }
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
    const follow = (event: HashChangeEvent): void => {
      if (!mayLeave((question) => window.confirm(question))) {
        window.history.replaceState(window.history.state, '', event.oldURL);
        return;
      }
      setPlace(placeOf(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const go = useCallback((next: Place) => {
    if (!mayLeave((question) => window.confirm(question))) return;
    setError('');
    window.location.hash = hashOf(next);
    setPlace(next);
  }, []);

  const readOnly = session.state === 'signed-in' && session.readOnly;
  const onError = useCallback((failure: unknown) => {
    if (failure instanceof AmRequestError && failure.status === 401) {
      setSession({ state: 'signed-out', notice: 'Your session ended; sign in again.' });
      return;
    }
    setError(failure instanceof AmRequestError && failure.status === 403 && readOnly ? 'Your account reads only: it may not change anything.' : failure instanceof Error ? failure.message : 'Something went wrong');
  }, [readOnly]);

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

  const realms = session.limited || session.realms.some((realm) => realm.name === place.realm) ? session.realms : [...session.realms, { name: place.realm }];
  const current = SECTIONS.find((section) => section.id === place.section) ?? SECTIONS[0];
  return h(
    'div',
    { className: 'shell' },
    h(
      'header',
      null,
      h('span', { className: 'brand' }, 'Arbor admin'),
      session.readOnly ? h('span', { className: 'read-only', title: 'You may read everything here and change nothing' }, 'Read-only') : null,
      h('nav', { 'aria-label': 'Sections' }, ...SECTIONS.map((section) => h('a', { key: section.id, href: hashOf({ realm: place.realm, section: section.id, path: [] }), 'aria-current': section === current ? 'page' : undefined }, section.label))),
      h(
        'label',
        { className: 'realm' },
        'Realm ',
        h('select', { value: place.realm, onChange: (event: { target: { value: string } }) => go({ realm: event.target.value, section: current?.id ?? 'journeys', path: [] }) }, ...realms.map((realm) => h('option', { key: realm.name, value: realm.name }, realm.name))),
      ),
      h('button', { type: 'button', onClick: () => void leave() }, 'Sign out'),
    ),
    error === '' ? null : h('p', { className: 'error', role: 'alert' }, error),
    current === undefined ? null : h(current.view, { key: `${place.realm} ${current.id}`, realm: place.realm, path: place.path, go: (path: string[]) => go({ realm: place.realm, section: current.id, path }), onError }),
  );
}
