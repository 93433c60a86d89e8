/**
 * Each built-in normalization: which claims of a provider's raw profile become which fields of the
 * normalized profile, as each provider documents its profile (and as AM's default scripts map
 * them). Written for Arbor; a missing claim leaves the field out.
 */
import type { NormalizedProfile } from '../../provider-config.ts';
import type { BuiltinTransform } from './transform-ids.ts';
import { at, flag, text } from './profile-reader.ts';

/** The normalized fields, each possibly absent (the id is checked by the caller). */
export type ProfileFields = { [K in keyof NormalizedProfile]?: NormalizedProfile[K] | undefined };

/** Standard OpenID Connect claims (`sub`, `name`, `given_name`…): Google, Yahoo, LinkedIn, generic OIDC. */
function standardClaims(raw: unknown): ProfileFields {
  return {
    id: text(at(raw, 'sub')),
    displayName: text(at(raw, 'name')),
    givenName: text(at(raw, 'given_name')),
    familyName: text(at(raw, 'family_name')),
    photoUrl: text(at(raw, 'picture')),
    email: text(at(raw, 'email')),
    emailVerified: flag(at(raw, 'email_verified')),
    username: text(at(raw, 'email')),
    locale: text(at(raw, 'locale')),
  };
}

/** itsme: standard claims, no picture (itsme's `picture` is an API URL needing the token); `email_verified` as itsme sends it. */
function itsme(raw: unknown): ProfileFields {
  const { photoUrl: _photo, locale: _locale, ...rest } = standardClaims(raw);
  return rest;
}

/** Apple: names come once, at first consent, as `name.firstName`/`name.lastName`; the email may be withheld (then the account id names the user). */
function apple(raw: unknown): ProfileFields {
  const givenName = text(at(raw, 'name', 'firstName'));
  const familyName = text(at(raw, 'name', 'lastName'));
  const email = text(at(raw, 'email'));
  const id = text(at(raw, 'sub'));
  const displayName = [givenName, familyName].filter((part) => part !== undefined).join(' ') || undefined;
  return { id, displayName, givenName, familyName, email, emailVerified: flag(at(raw, 'email_verified')), username: email ?? id };
}

/** Microsoft Graph `me`. */
function microsoft(raw: unknown): ProfileFields {
  const principal = text(at(raw, 'userPrincipalName'));
  return { id: text(at(raw, 'id')), displayName: text(at(raw, 'displayName')), givenName: text(at(raw, 'givenName')), familyName: text(at(raw, 'surname')), email: text(at(raw, 'mail')) ?? principal, username: principal };
}

/** Facebook Graph `me?fields=…`. */
function facebook(raw: unknown): ProfileFields {
  const email = text(at(raw, 'email'));
  return { id: text(at(raw, 'id')), displayName: text(at(raw, 'name')), givenName: text(at(raw, 'first_name')), familyName: text(at(raw, 'last_name')), photoUrl: text(at(raw, 'picture', 'data', 'url')), email, username: email, locale: text(at(raw, 'locale')) };
}

/** Login with Amazon `user/profile`. */
function amazon(raw: unknown): ProfileFields {
  const email = text(at(raw, 'email'));
  return { id: text(at(raw, 'user_id')), displayName: text(at(raw, 'name')), email, username: email };
}

/** Salesforce `userinfo` (`user_id`; the locale in `locale`, or `zoneinfo`). */
function salesforce(raw: unknown): ProfileFields {
  const email = text(at(raw, 'email'));
  return {
    id: text(at(raw, 'user_id')),
    displayName: text(at(raw, 'name')),
    givenName: text(at(raw, 'given_name')),
    familyName: text(at(raw, 'family_name')),
    photoUrl: text(at(raw, 'picture')),
    email,
    emailVerified: flag(at(raw, 'email_verified')),
    username: email,
    locale: text(at(raw, 'locale')) ?? text(at(raw, 'zoneinfo')),
  };
}

/** LinkedIn's retired profile: `me` with localized names, the email from `emailAddress`. */
function linkedInLegacy(raw: unknown): ProfileFields {
  const email = text(at(raw, 'elements', 0, 'handle~', 'emailAddress'));
  return { id: text(at(raw, 'id')), givenName: text(at(raw, 'localizedFirstName')), familyName: text(at(raw, 'localizedLastName')), email, username: email };
}

/** GitHub `/user` (numeric `id`, `login`; `email` only when public or added from `/user/emails`). */
function gitHub(raw: unknown): ProfileFields {
  return { id: text(at(raw, 'id')), displayName: text(at(raw, 'name')), photoUrl: text(at(raw, 'avatar_url')), email: text(at(raw, 'email')), username: text(at(raw, 'login')) };
}

function instagram(raw: unknown): ProfileFields {
  return { id: text(at(raw, 'id')) ?? text(at(raw, 'user_id')), username: text(at(raw, 'username')) };
}

/** X: API v2 `users/me` (`{data: {id, name, username, profile_image_url}}`) or the v1.1 shape (`id_str`, `screen_name`). */
function twitter(raw: unknown): ProfileFields {
  const user = at(raw, 'data') ?? raw;
  return {
    id: text(at(user, 'id_str')) ?? text(at(user, 'id')),
    displayName: text(at(user, 'name')),
    photoUrl: text(at(user, 'profile_image_url')),
    email: text(at(user, 'email')) ?? text(at(user, 'confirmed_email')),
    username: text(at(user, 'username')) ?? text(at(user, 'screen_name')),
  };
}

/** VK `users.get` (`{response: [user]}`, or the user itself); the email comes with the token. */
function vk(raw: unknown): ProfileFields {
  const user = at(raw, 'response', 0) ?? raw;
  const email = text(at(user, 'email')) ?? text(at(raw, 'email'));
  return { id: text(at(user, 'id')), displayName: text(at(user, 'first_name')), givenName: text(at(user, 'first_name')), familyName: text(at(user, 'last_name')), photoUrl: text(at(user, 'photo_50')), email, username: email };
}

function weChat(raw: unknown): ProfileFields {
  return { id: text(at(raw, 'openid')), displayName: text(at(raw, 'nickname')), photoUrl: text(at(raw, 'headimgurl')), username: text(at(raw, 'nickname')) };
}

/** WordPress.com `me`. */
function wordpress(raw: unknown): ProfileFields {
  return { id: text(at(raw, 'username')), displayName: text(at(raw, 'display_name')), photoUrl: text(at(raw, 'avatar_URL')), email: text(at(raw, 'email')), emailVerified: flag(at(raw, 'email_verified')), username: text(at(raw, 'username')) };
}

/** LINE: one `name`, split into given and family name at the first space; the email is an ID token claim. */
function line(raw: unknown): ProfileFields {
  const name = text(at(raw, 'name'));
  const space = name?.indexOf(' ') ?? -1;
  const email = text(at(raw, 'email'));
  return {
    id: text(at(raw, 'sub')),
    displayName: name,
    givenName: name === undefined ? undefined : space < 0 ? name : name.slice(0, space),
    familyName: name === undefined || space < 0 ? undefined : name.slice(space + 1).trim() || undefined,
    photoUrl: text(at(raw, 'picture')),
    email,
    username: email,
  };
}

/** Every built-in normalization. */
export const CLAIM_MAPPINGS: Record<BuiltinTransform, (raw: unknown) => ProfileFields> = {
  itsme,
  google: standardClaims,
  apple,
  microsoft,
  facebook,
  amazon,
  salesforce,
  linkedIn: standardClaims,
  linkedInLegacy,
  gitHub,
  instagram,
  twitter,
  vk,
  weChat,
  wordpress,
  yahoo: standardClaims,
  line,
};
