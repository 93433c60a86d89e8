/**
 * The script ids ForgeRock configurations and trees reference for social profiles: each provider
 * client's `transform` (a *Social Identity Provider Profile Transformation* script that normalizes
 * the raw profile) and the Social Provider Handler node's `script` (normalized profile → identity).
 * These are the ids of AM's default scripts (as AM exports them; the managed-user id really has 11
 * hex digits in its last group); Arbor resolves them to its own built-ins.
 */
export const TRANSFORM_IDS = {
  itsme: '3d97c436-42c0-4dd0-a571-ea6f34f752b3',
  google: '58d29080-4563-480b-89bb-1e7719776a21',
  apple: '484e6246-dbc6-4288-97e6-54e55431402e',
  microsoft: '73cecbfc-dad0-4395-be6a-6858ee3a80e5',
  facebook: 'bae1d54a-e97d-4997-aa5d-c027f21af82c',
  amazon: '6b3cfd48-62d3-48ff-a96f-fe8f3a22ab30',
  salesforce: '312e951f-70c5-49d2-a9ae-93aef909d5df',
  /** LinkedIn's OpenID Connect profile (`sub`, `name`…), the current LinkedIn sign-in. */
  linkedIn: 'b4f3facb-c754-4e7f-b1c0-f4d46f592126',
  /** LinkedIn's retired v2 `me` + `emailAddress` profile. */
  linkedInLegacy: '8862ca8f-7770-4af5-a888-ac0df0947f36',
  gitHub: 'a7a78773-445b-4eca-bb93-409e86bced81',
  instagram: '1244e639-4a31-401d-ab61-d75133d8dc9e',
  twitter: '8e298710-b55e-4085-a464-88a375a4004b',
  vk: '403cf226-6051-4368-8b72-9ba14f9a5140',
  weChat: '472534ec-a25f-468d-a606-3fb1935190df',
  wordpress: '91d197de-5916-4dca-83b5-9a4df26e7159',
  yahoo: '424da748-82cc-4b54-be6f-82bd64d82a74',
  line: '60609c1a-4cef-4729-a417-354aafdebf3f',
} as const;

/** The Social Provider Handler node's scripts: normalized profile → the platform's managed user, or AM's identity. */
export const PROFILE_TO_USER_IDS = {
  managedUser: '58c824ae-84ed-4724-82cd-db128fc3f6c',
  identity: 'ed685f9f-5909-4726-86e8-22bd38b47663',
} as const;

/** The built-in normalization a transform id names. */
export type BuiltinTransform = keyof typeof TRANSFORM_IDS;

/** The built-in of `id`, or undefined when Arbor has none. */
export function builtinTransformOf(id: string): BuiltinTransform | undefined {
  for (const [name, known] of Object.entries(TRANSFORM_IDS)) if (known === id) return name as BuiltinTransform;
  return undefined;
}
