/**
 * The docs test can fail, and says where: a page whose example prints something else than the
 * page shows, or that runs a command the test does not run, is reported with the page, the
 * block's and the command's lines, the documented line and the difference; skipped blocks are
 * reported with their reason; examples that print what the page shows pass.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PageReport } from './run-docs-page.ts';
import { runDocsPage } from './run-docs-page.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const PAGE = `# A page with mistakes

\`\`\`sh
npm run arbor -- user add --realm alpha --username bjensen --password 'Ch4ngeit!' \\
  --set givenName=Babs --set sn=Jensen --set mail=bjensen@example.com
\`\`\`
\`\`\`
created bjensen in realm alpha (_id 75d0b124-1ade-4a03-9cf6-11ef4a4d1ab8)
\`\`\`

\`\`\`sh
AM=http://localhost:8080/am/json/realms/root/realms/alpha
curl -s -X POST "$AM/authenticate?authIndexType=service&authIndexValue=Login" | jq -c '{header}'
# {"header":"Log In"}
curl -s -X POST "$AM/authenticate" -H 'X-OpenAM-Username: bjensen' -H 'X-OpenAM-Password: wrong'
# {"code":401,"reason":"Unauthorized","message":"Login failure","detail":{"failureUrl":""}}
\`\`\`

<!-- docs-test: skip (starts the server) -->
\`\`\`sh
npm start
\`\`\`

\`\`\`sh
$ npm ci
$ echo "$AM" | sed 's/.*realms\\///'
alpha
\`\`\`
`;

describe('runDocsPage on a page with mistakes', () => {
  let report: PageReport;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arbor-docs-page-'));
    await writeFile(path.join(dir, 'broken.md'), PAGE);
    report = await runDocsPage({ root, page: 'docs/broken.md', file: path.join(dir, 'broken.md') });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the shell blocks and reports the skipped one with its reason', () => {
    assert.equal(report.blocksRun, 3);
    assert.equal(report.stepsRun, 5);
    assert.deepEqual(report.skips, [{ line: 20, reason: 'starts the server' }]);
  });

  it('names the page, the block, the command, the documented line and the difference', () => {
    const [output, refused, ...others] = report.failures;
    assert.deepEqual(others, []);
    assert.match(output ?? '', /^docs\/broken\.md:12 \(shell block at line 11\): the output differs from the page's at docs\/broken\.md:14: \$\.header: expected "Log In", got "Sign In"/);
    assert.match(output ?? '', /the page shows:\n {4}\| \{"header":"Log In"\}\n {2}the command printed \(exit status 0\):\n {4}\| \{"header":"Sign In"\}/);
    assert.match(refused ?? '', /^docs\/broken\.md:25 \(shell block at line 24\): runs a command the docs test does not run: npm ci;/);
  });
});
