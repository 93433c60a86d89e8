/**
 * Which properties of a managed object schema are IDM relationships, as managed.json declares
 * them: a single reference (`manager`: `type: relationship`) or a list (`roles`: an array whose
 * `items` are `type: relationship`), with the reverse property on the other side
 * (`reversePropertyName`), the collections it may point to (`resourceCollection[].path`), and
 * IDM's conditional association (`conditionalAssociationField` on the grantee's side: the field of
 * the target holding its condition; `conditionalAssociation` on the grantor's side).
 */
import type { ManagedObjectSchema, ManagedProperty } from '../managed-schema.ts';

/** A relationship property as the relationship service uses it. */
export interface RelationshipProperty {
  name: string;
  /** A list (`roles`) rather than one reference (`manager`). */
  many: boolean;
  /** The property on the other object naming this one (`members` for `roles`); undefined when none. */
  reverse: string | undefined;
  /** The collections a reference may point to (`managed/alpha_role`, `internal/role`). */
  targets: string[];
  /** The field of a target whose query filter grants this relationship (`condition`), if any. */
  conditionField: string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function declares(property: ManagedProperty | undefined): ManagedProperty | undefined {
  if (property === undefined) return undefined;
  if (property.type === 'relationship') return property;
  if (property.type === 'array' && property.items?.type === 'relationship') return property.items;
  return undefined;
}

/** The relationship `name` of `schema`, or undefined when it is not one. */
export function relationshipProperty(schema: ManagedObjectSchema, name: string): RelationshipProperty | undefined {
  if (!Object.hasOwn(schema.properties, name)) return undefined;
  const property = schema.properties[name];
  const relationship = declares(property);
  if (property === undefined || relationship === undefined) return undefined;
  const collections = Array.isArray(relationship.resourceCollection) ? relationship.resourceCollection.filter(isObject) : [];
  const targets = collections.map((entry) => entry.path).filter((path): path is string => typeof path === 'string');
  const conditionField = collections.map((entry) => entry.conditionalAssociationField).find((field): field is string => typeof field === 'string' && field !== '');
  const reverse = relationship.reverseRelationship === true && typeof relationship.reversePropertyName === 'string' ? relationship.reversePropertyName : undefined;
  return { name, many: property.type === 'array', reverse, targets, conditionField };
}

/** Every relationship property of `schema`. */
export function relationshipProperties(schema: ManagedObjectSchema): RelationshipProperty[] {
  return Object.keys(schema.properties).flatMap((name) => {
    const found = relationshipProperty(schema, name);
    return found === undefined ? [] : [found];
  });
}
