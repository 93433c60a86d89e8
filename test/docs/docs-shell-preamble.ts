/**
 * The bash code every page's session starts with. It defines `npm` so that the commands a page
 * gives for the CLI, `npm run arbor -- …` and `npm run -s arbor -- …`, run the repository's
 * `src/main.ts` on the page's Arbor (its data directory, unless the command sets
 * `ARBOR_DATA_DIR` itself) in the session's working directory, like `npm run` in a checkout, but
 * without npm's banner, which the pages never show. Any other npm (or npx) command is refused: it
 * prints why, exits 127 and is recorded in `$DOCS_TEST_REFUSED`, which fails the step, so a page
 * cannot rely on a command the test does not know.
 */

/** The preamble; the session's environment provides DOCS_TEST_NODE, DOCS_TEST_MAIN, DOCS_TEST_DATA_DIR and DOCS_TEST_REFUSED. */
export const DOCS_SHELL_PREAMBLE = String.raw`
__docs_test_refuse() {
  printf 'docs-test: a page may run "npm run arbor -- …" and "npm run -s arbor -- …" only, not "%s"\n' "$*" >&2
  printf '%s\n' "$*" >> "$DOCS_TEST_REFUSED"
  return 127
}
npm() {
  if [ "$1" = run ] && [ "$2" = arbor ]; then shift 2
  elif [ "$1" = run ] && [ "$2" = -s ] && [ "$3" = arbor ]; then shift 3
  else __docs_test_refuse npm "$@"; return; fi
  if [ "$#" -gt 0 ]; then
    if [ "$1" != -- ]; then __docs_test_refuse npm run arbor "$@"; return; fi
    shift
  fi
  local data_dir="$ARBOR_DATA_DIR"
  if [ -z "$data_dir" ]; then data_dir="$DOCS_TEST_DATA_DIR"; fi
  ARBOR_DATA_DIR="$data_dir" "$DOCS_TEST_NODE" "$DOCS_TEST_MAIN" "$@"
}
npx() { __docs_test_refuse npx "$@"; }
`;
