/**
 * JSON text, the form the memory store keeps documents in, as the SQL stores keep them in JSON
 * columns: the shared helpers of `store/shared/json-text.ts`, so that values normalize exactly as
 * on SQL and nothing a caller gave or got is shared with the store.
 */
export { isJsonObject } from '../../json/is-json-object.ts';
export { fromJsonText, jsonObjectFromText, toJsonText } from '../shared/json-text.ts';
