/**
 * The prompt of a validated callback, as AM's platform nodes take it from the IDM schema: the
 * property's `title`, else its `description`, else a fallback.
 */
import type { IdentityGateway } from '../engine/node-context.ts';

/** `title` → `description` → `fallback` of the schema property `attribute`. */
export async function schemaPrompt(identity: IdentityGateway, identityResource: string, attribute: string, fallback: string): Promise<string> {
  const property = await identity.schemaProperty(identityResource, attribute);
  const title = property?.['title'];
  if (typeof title === 'string' && title !== '') return title;
  const description = property?.['description'];
  if (typeof description === 'string' && description !== '') return description;
  return fallback;
}
