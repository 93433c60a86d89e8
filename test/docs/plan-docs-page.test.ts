/** Which blocks of a page the docs test runs, which it skips (and why), and what it reports. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planDocsPage } from './plan-docs-page.ts';

describe('planDocsPage', () => {
  it('runs shell blocks with the output block that follows, and skips what a page asks to skip', () => {
    const plan = planDocsPage(
      [
        '# Page',
        '',
        '<!-- docs-test: skip (starts the server) -->',
        '```sh',
        'npm start',
        '```',
        '```',
        'Arbor listening',
        '```',
        '',
        '```sh',
        'echo hi',
        '```',
        '',
        '```text',
        'hi',
        '```',
        '',
        '   ```sh',
        '   echo indented',
        '   ```',
        '   ```',
        '   indented',
        '   ```',
      ].join('\n'),
    );
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.skips, [{ line: 4, reason: 'starts the server' }]);
    assert.equal(plan.blocksRun, 2);
    assert.deepEqual(
      plan.steps.map((step) => [step.blockLine, step.script, step.expected]),
      [
        [11, 'echo hi', { line: 16, lines: ['hi'] }],
        [19, 'echo indented', { line: 23, lines: ['indented'] }],
      ],
    );
  });

  it('reports unknown docs-test comments and transcripts that would go untested', () => {
    const plan = planDocsPage(['<!-- docs-test: ignore -->', '```sh', 'true', '```', '', 'Then:', '', '```text', '$ echo never run', '```'].join('\n'));
    assert.deepEqual(plan.problems, [
      'line 1: unknown docs-test comment "ignore"; write <!-- docs-test: skip (the reason) -->',
      'line 8: a transcript ("$ " commands) in a ```text block is never run: make it a ```sh block, or skip it with a reason',
    ]);
  });
});
