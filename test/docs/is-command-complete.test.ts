/** When a shell command is complete, as bash decides whether to ask for a continuation line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommandComplete } from './is-command-complete.ts';

describe('isCommandComplete', () => {
  it('waits for quotes, substitutions, arrays, here-documents and trailing operators to close', () => {
    for (const open of ["echo 'a", 'echo "a', 'echo "$(jq', 'A=(-H x', 'curl x \\', 'curl x |', 'a &&', "cat <<'EOF'\nline", 'x=$(echo "(")'.slice(0, -1)]) {
      assert.equal(isCommandComplete(open), false, open);
    }
  });

  it('accepts complete commands, comments with quotes in them included', () => {
    for (const done of ['', "echo 'a' \"b\" $'c\\'d'", 'A=(-H x\n  -H y)', 'curl x \\\n  | jq .', "cat <<-'EOF'\n\tline\n\tEOF", 'echo ok # it\'s a comment', 'echo a#b', 'sleep 1 &', "jq '.a' <<< '{}'"]) {
      assert.equal(isCommandComplete(done), true, done);
    }
  });
});
