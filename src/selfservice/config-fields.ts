/**
 * Reading the fields of an IDM-style configuration document, with errors that name the document
 * and the field (`selfservice.kba: minimumAnswersToVerify must be an integer ≥ 0`).
 */
import { findUnsafeKey } from '../json/unsafe-keys.ts';
import type { SelfServiceConfigErrorCode } from './config-errors.ts';
import { selfServiceConfigError } from './config-errors.ts';

/** Typed field readers that throw the document's error code, naming the field. */
export interface FieldReader {
  fail(path: string, problem: string): never;
  string(value: unknown, path: string, options?: { nonEmpty?: boolean }): string;
  /** An integer ≥ 0. */
  count(value: unknown, path: string): number;
  boolean(value: unknown, path: string): boolean;
  /** A JSON object; refused when it holds a `__proto__`, `constructor` or `prototype` key at any depth. */
  object(value: unknown, path: string): Record<string, unknown>;
  /** `{locale: text}` with non-empty locale keys and string texts. */
  localeMap(value: unknown, path: string, options?: { nonEmpty?: boolean }): Record<string, string>;
  stringList(value: unknown, path: string): string[];
}

const LOCALE = /^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$/;

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A reader for document `documentName` whose failures carry `code`. */
export function fieldReader(code: SelfServiceConfigErrorCode, documentName: string): FieldReader {
  const fail = (path: string, problem: string): never => {
    throw selfServiceConfigError(code, `${documentName}: ${path === '' ? 'the document' : path} ${problem}`, path);
  };
  const reader: FieldReader = {
    fail,
    object(value, path) {
      if (!isRecord(value)) return fail(path, 'must be an object');
      const unsafe = findUnsafeKey(value);
      if (unsafe !== undefined) {
        const where = [path, ...unsafe.at.split('/'), unsafe.key].filter((segment) => segment !== '').join('.');
        fail(where, 'is not allowed: __proto__, constructor and prototype never name data');
      }
      return value;
    },
    string(value, path, options = {}) {
      if (typeof value !== 'string') return fail(path, 'must be a string');
      if (options.nonEmpty === true && value.trim() === '') return fail(path, 'must not be empty');
      return value;
    },
    count(value, path) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return fail(path, 'must be an integer ≥ 0');
      return value;
    },
    boolean(value, path) {
      if (typeof value !== 'boolean') return fail(path, 'must be true or false');
      return value;
    },
    localeMap(value, path, options = {}) {
      const map = reader.object(value, path);
      const result: Record<string, string> = {};
      for (const [locale, text] of Object.entries(map)) {
        if (!LOCALE.test(locale)) fail(`${path}.${locale}`, 'is not a locale (en, fr, en_GB, fr-BE)');
        result[locale] = reader.string(text, `${path}.${locale}`);
      }
      if (options.nonEmpty === true && Object.keys(result).length === 0) fail(path, 'must have at least one locale');
      return result;
    },
    stringList(value, path) {
      if (!Array.isArray(value)) return fail(path, 'must be an array of strings');
      return value.map((item, index) => reader.string(item, `${path}[${index}]`, { nonEmpty: true }));
    },
  };
  return reader;
}
