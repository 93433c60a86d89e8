/** The preset chooser: one card per preset (Google, Apple…, generic OpenID Connect and OAuth 2.0), each opening a pre-filled form. */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { PRESET_CHOICES } from './social-model.ts';
import './social.css';

/** The chooser; `go` opens `['new', <preset>]` or goes back to the list. */
export function SocialPresetChooser(props: { go: (path: string[]) => void }): ReactElement {
  return h(
    'section',
    { className: 'social', 'aria-labelledby': 'social-choose-title' },
    h('div', { className: 'toolbar' }, h('h1', { id: 'social-choose-title' }, 'Add a social provider'), h('button', { type: 'button', onClick: () => props.go([]) }, 'Back to the list')),
    h('p', { className: 'social-intro' }, 'Choose what the provider is: its form opens with the provider’s endpoints, scopes and options filled in. Nothing is saved until you press Save.'),
    h(
      'ul',
      { className: 'social-presets', 'aria-label': 'Presets' },
      ...PRESET_CHOICES.map((choice) =>
        h(
          'li',
          { key: choice.id },
          h('button', { type: 'button', className: 'social-preset', onClick: () => props.go(['new', choice.id]) }, h('strong', null, choice.label), h('span', null, choice.description)),
        ),
      ),
    ),
  );
}
