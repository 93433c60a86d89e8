/**
 * How a page's shell blocks become steps: transcripts (`$ ` commands and their output) and plain
 * commands with their output in `#` comments right under them or in the block that follows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FencedBlock } from './parse-fenced-blocks.ts';
import { splitShellBlock } from './split-shell-block.ts';

const block = (lines: string[], lang = 'sh'): FencedBlock => ({ lang, line: 10, lines, followsPrevious: false });

describe('splitShellBlock', () => {
  it('runs a transcript command by command, continuation lines and here-documents included', () => {
    const { steps, problems } = splitShellBlock(
      block(['$ curl -s http://x \\', "    -d '{", "      \"a\": 1}'", '{"ok":true}', '', '# a remark', "$ cat > f <<'EOF'", '$ not a command', 'EOF', '$ echo $?', '0']),
      undefined,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      steps.map((step) => [step.line, step.script, step.expected?.line, step.expected?.lines]),
      [
        [11, 'curl -s http://x \\\n    -d \'{\n      "a": 1}\'', 14, ['{"ok":true}']],
        [17, "cat > f <<'EOF'\n$ not a command\nEOF", 17, []],
        [20, 'echo $?', 21, ['0']],
      ],
    );
  });

  it('reads comment lines right under a command as its output, and comments after a blank line as remarks', () => {
    const { steps } = splitShellBlock(block(['# set up', 'A=1', 'echo "$A"', '# 1', '', '# then', "echo 'it''s # not a comment'"]), undefined);
    assert.deepEqual(
      steps.map((step) => [step.line, step.script, step.expected?.lines]),
      [
        [12, '# set up\nA=1\necho "$A"', ['1']],
        [17, "\n# then\necho 'it''s # not a comment'", undefined],
      ],
    );
  });

  it('gives the output block that follows to the last commands', () => {
    const output: FencedBlock = { lang: 'json', line: 20, lines: ['', '{"a":1}', ''], followsPrevious: true };
    const { steps } = splitShellBlock(block(['curl -s x', '# {"b":2}', 'curl -s y']), output);
    assert.deepEqual(
      steps.map((step) => [step.script, step.expected]),
      [
        ['curl -s x', { line: 12, lines: ['{"b":2}'] }],
        ['curl -s y', { line: 21, lines: ['{"a":1}'] }],
      ],
    );
  });

  it('reports a block that ends inside a command', () => {
    assert.match(splitShellBlock(block(["echo 'open"]), undefined).problems[0] ?? '', /ends inside a command/);
  });
});
