/**
 * Config fields many platform nodes share, with AM's names and defaults, so that every node
 * describes them the same way in the admin form.
 */
import { Type } from '@sinclair/typebox';

/** `identityAttribute`: the attribute the journey's user is looked up by. */
export function identityAttributeField(defaultValue = 'userName') {
  return Type.String({ default: defaultValue, minLength: 1, description: 'Attribute the user is looked up by.' });
}

/** `identityResource`: the managed object type the node writes; must be the journey's. */
export function identityResourceField() {
  return Type.String({ default: 'managed/user', minLength: 1, description: 'Managed object type, e.g. managed/alpha_user; must match the journey.' });
}

/** A localized text as AM exports it: locale → text (`{en: "…", fr: "…"}`). */
export function localeMapField(defaultValue: Record<string, string>, description: string) {
  return Type.Record(Type.String(), Type.String(), { default: defaultValue, description });
}
