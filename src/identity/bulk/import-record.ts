/** One record of an import file, as the readers give it to the importer. */

/** A record: its attributes, or why it could not be read; `line` is where it starts (1-based). */
export type ImportRecord = { line: number; attributes: Record<string, unknown> } | { line: number; error: string };

/** The file formats users are imported from and exported to. */
export type BulkFormat = 'jsonl' | 'csv';

/** Longest record accepted, in characters: bigger ones are refused rather than buffered. */
export const MAX_RECORD_CHARS = 1_000_000;
