/** Typed errors of journey file reading: a file that is not JSON, not a journey export, or broken. */

/** Stable codes of journey file errors. */
export type JourneyFileErrorCode =
  /** The file is not valid JSON. */
  | 'JOURNEY_FILE_NOT_JSON'
  /** The JSON matches none of the export wrappers Arbor reads. */
  | 'JOURNEY_FILE_UNRECOGNISED'
  /** The wrapper was recognised but a tree or node object inside it is malformed. */
  | 'JOURNEY_FILE_INVALID'
  /** A known ForgeRock layout that Arbor does not read (ForgeOps file-based config). */
  | 'JOURNEY_FORMAT_UNSUPPORTED';

/** A journey file error; `message` starts with the file name. */
export interface JourneyFileError extends Error {
  code: JourneyFileErrorCode;
  /** The file, as named by the caller. */
  file: string;
}

/** Makes a journey file error whose message names the file. */
export function journeyFileError(code: JourneyFileErrorCode, file: string, message: string): JourneyFileError {
  return Object.assign(new Error(`${file}: ${message}`), { code, file, name: 'JourneyFileError' });
}

/** True for errors made by `journeyFileError`. */
export function isJourneyFileError(error: unknown): error is JourneyFileError {
  return (
    error instanceof Error &&
    error.name === 'JourneyFileError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { file?: unknown }).file === 'string'
  );
}
