/**
 * The Social providers section of a realm: the providers list, the preset chooser, a new
 * provider's form or a stored one's, as the fragment says (`#/<realm>/social`, `…/social/new`,
 * `…/social/new/<preset>`, `…/social/<type>/<name>`).
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { SectionProps } from './admin-section.ts';
import { SocialFormView } from './social-form-view.ts';
import { SocialListView } from './social-list-view.ts';
import { socialPlaceOf } from './social-model.ts';
import { SocialPresetChooser } from './social-preset-chooser.ts';

/** The section's view for `props.realm` at `props.path`. */
export function SocialView(props: SectionProps): ReactElement {
  const place = socialPlaceOf(props.path);
  if (place.view === 'choose') return h(SocialPresetChooser, { go: props.go });
  if (place.view === 'new') return h(SocialFormView, { key: `${props.realm}/new/${place.preset}`, realm: props.realm, target: { kind: 'new', preset: place.preset }, go: props.go, onError: props.onError });
  if (place.view === 'edit') return h(SocialFormView, { key: `${props.realm}/${place.type}/${place.name}`, realm: props.realm, target: { kind: 'edit', type: place.type, name: place.name }, go: props.go, onError: props.onError });
  return h(SocialListView, { key: props.realm, realm: props.realm, go: props.go, onError: props.onError });
}
