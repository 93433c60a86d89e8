/**
 * Maps the paths a page writes for the reader's machine to the docs test's: `/path/to/arbor` (the
 * reader's checkout, as in `data in /path/to/arbor/data`) to the test's working directory, and
 * `/home/me` (the reader's home, `~`) to the test's home directory. Applied to documented output.
 */

/** `text` with the reader's checkout and home replaced by `checkout` and `home`. */
export function rewriteReaderPaths(text: string, paths: { checkout: string; home: string }): string {
  return text.replaceAll('/path/to/arbor', paths.checkout).replaceAll('/home/me', paths.home);
}
