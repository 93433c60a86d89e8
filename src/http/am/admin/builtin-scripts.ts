/**
 * AM's default social scripts that Arbor's journeys and providers name by id (the Social Provider
 * Handler's "Normalized Profile to Managed User", the providers' profile transformations). Arbor runs
 * them as built-ins, so no realm stores them; `GET …/scripts/<id>` answers these read-only records
 * (`default: true`, the source a comment saying so) so that Frodo can export the journeys that use them.
 */
import type { AmScript } from '../../../scripting/am-script.ts';
import { PROFILE_TO_USER_IDS, TRANSFORM_IDS } from '../../../social/providers/normalize/transform-ids.ts';

const SYSTEM = 'id=dsameuser,ou=user,dc=openam,dc=forgerock,dc=org';

const NAMES = new Map<string, { name: string; context: string }>([
  [PROFILE_TO_USER_IDS.managedUser, { name: 'Normalized Profile to Managed User', context: 'SOCIAL_IDP_PROFILE_TRANSFORMATION' }],
  [PROFILE_TO_USER_IDS.identity, { name: 'Normalized Profile to Identity', context: 'SOCIAL_IDP_PROFILE_TRANSFORMATION' }],
  ...Object.entries(TRANSFORM_IDS).map(([provider, id]): [string, { name: string; context: string }] => [id, { name: `${provider[0]?.toUpperCase() ?? ''}${provider.slice(1)} Profile Normalization`, context: 'SOCIAL_IDP_PROFILE_TRANSFORMATION' }]),
]);

/** The read-only record of built-in script `id`, or undefined when `id` names none. */
export function builtinScript(id: string): AmScript | undefined {
  const known = NAMES.get(id);
  if (known === undefined) return undefined;
  const source = `// ${known.name}: built into Arbor (src/social/providers/normalize); this text is not run.\n`;
  return {
    _id: id,
    name: known.name,
    description: `${known.name} (built into Arbor)`,
    script: Buffer.from(source, 'utf8').toString('base64'),
    language: 'JAVASCRIPT',
    context: known.context,
    evaluatorVersion: '1.0',
    default: true,
    createdBy: SYSTEM,
    creationDate: 0,
    lastModifiedBy: SYSTEM,
    lastModifiedDate: 0,
  };
}
