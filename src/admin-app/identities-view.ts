/**
 * The Identities section of a realm: reads the user type's schema from the `managed` config once,
 * then shows the users list, the new-user form or one user's page, as the fragment says
 * (`#/<realm>/identities`, `…/create`, `…/users/<id>`).
 */
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { readManagedConfig } from './idm-client.ts';
import type { IdentitiesPlace, UserSchema } from './identities-model.ts';
import { identitiesHref, userSchemaOf, userTypeOf } from './identities-model.ts';
import { IdentitiesListView } from './identities-list-view.ts';
import { IdentitiesUserView } from './identities-user-view.ts';

/** The section for `realm` at `place`. */
export function IdentitiesView(props: { realm: string; place: IdentitiesPlace; onError: (error: unknown) => void }): ReactElement {
  const type = userTypeOf(props.realm);
  const [schema, setSchema] = useState<UserSchema | undefined>(undefined);

  useEffect(() => {
    let current = true;
    setSchema(undefined);
    readManagedConfig().then(
      (config) => current && setSchema(userSchemaOf(config, type)),
      (error: unknown) => current && props.onError(error),
    );
    return () => {
      current = false;
    };
  }, [type, props.onError]);

  const go = (place: IdentitiesPlace): void => {
    window.location.hash = identitiesHref(props.realm, place);
  };

  if (schema === undefined) return h('p', { className: 'identity-body' }, 'Loading…');
  if (props.place.view === 'list') {
    return h(IdentitiesListView, { realm: props.realm, type, searchable: schema.searchable, onOpen: (id: string) => go({ view: 'user', id }), onCreate: () => go({ view: 'create' }), onError: props.onError });
  }
  return h(IdentitiesUserView, {
    key: props.place.view === 'user' ? props.place.id : '',
    type,
    id: props.place.view === 'user' ? props.place.id : undefined,
    fields: schema.fields,
    onBack: () => go({ view: 'list' }),
    onCreated: (id: string) => go({ view: 'user', id }),
    onError: props.onError,
  });
}
