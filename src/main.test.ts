import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliContext } from './cli/command.ts';
import { commands, groupUsage, runCli } from './main.ts';

/** Runs `arbor <args>` in-process; opening the store fails the test (none of these should). */
async function arbor(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let opened = 0;
  const ctx: CliContext = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    openStore() {
      opened += 1;
      return Promise.reject(new Error('the store must not be opened'));
    },
  };
  const code = await runCli(args, ctx);
  return { code, out, err, opened };
}

describe('arbor (runCli)', () => {
  it('lists the subcommands of every command group with --help, -h or help', async () => {
    for (const group of ['journey', 'user', 'users', 'mail']) {
      const members = commands.filter((command) => command.path.length > 1 && command.path[0] === group);
      assert.ok(members.length >= 2, group);
      for (const args of [[group, '--help'], [group, '-h'], ['help', group]]) {
        const { code, out, err } = await arbor(args);
        assert.deepEqual([code, out, err], [0, [groupUsage(group)], []], args.join(' '));
      }
      for (const member of members) assert.match(groupUsage(group), new RegExp(`^  ${member.path.join(' ')}\\s+${member.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
    }
    assert.match(groupUsage('journey'), /^Usage: arbor journey <subcommand> \[options\]/);
  });

  it('names the missing or unknown subcommand of a group, with the group help, exit 2', async () => {
    const missing = await arbor(['journey']);
    assert.deepEqual([missing.code, missing.out, missing.err[0]], [2, [], 'arbor journey: name a subcommand (import, export)']);
    assert.equal(missing.err.at(-1), groupUsage('journey'));
    const unknown = await arbor(['user', 'remove', 'bjensen']);
    assert.deepEqual([unknown.code, unknown.err[0]], [2, 'arbor user: unknown subcommand "remove"']);
    const command = await arbor(['frobnicate']);
    assert.deepEqual([command.code, command.err[0]], [2, 'arbor: unknown command "frobnicate"']);
  });

  it('prints a command usage for --help, -h and help <command>', async () => {
    for (const args of [['user', 'add', '--help'], ['user', 'add', '-h'], ['help', 'user', 'add'], ['user', 'add', '--username', 'x', '--help']]) {
      const { code, out } = await arbor(args);
      assert.equal(code, 0, args.join(' '));
      assert.match(out[0] ?? '', /^Usage: arbor user add --username <name> \[--password <password>\] \[--realm alpha\] \[--set attr=value …\]/);
    }
    assert.equal((await arbor(['--help'])).code, 0);
    assert.match((await arbor([])).out[0] ?? '', /^Usage: arbor <command>/);
  });

  it('refuses a bad ARBOR_DEBUG before running anything, naming it, exit 2', async () => {
    const { code, out, err, opened } = await arbor(['mail', 'list'], { ARBOR_DEBUG: 'maybe' });
    assert.deepEqual([code, out, err, opened], [2, [], ['arbor mail list: ARBOR_DEBUG must be true or false (or 1 or 0), got "maybe"'], 0]);
  });

  it('prints one line for a failure, and the stack trace only with ARBOR_DEBUG=true', async () => {
    const plain = await arbor(['mail', 'list']);
    assert.deepEqual([plain.code, plain.err], [1, ['arbor mail list: the store must not be opened']]);
    const debug = await arbor(['mail', 'list'], { ARBOR_DEBUG: '1' });
    assert.equal(debug.code, 1);
    assert.equal(debug.err[0], 'arbor mail list: the store must not be opened');
    assert.match(debug.err[1] ?? '', /^Error: the store must not be opened\n\s+at /);
  });

  it('answers usage errors of every command in the arbor <command>: <message> form, exit 2, without opening the store', async () => {
    const cases: Array<[string[], string]> = [
      [['start', 'now'], 'arbor start: unexpected argument "now"'],
      [['start', '--port', '80'], 'arbor start: unknown option --port'],
      [['user', 'list', '--offset', '-1'], 'arbor user list: --offset must be an integer 0 or more, got "-1"'],
      [['user', 'list', '--limit', '0'], 'arbor user list: --limit must be an integer from 1 to 10000, got "0"'],
      [['user', 'list', '--limit'], 'arbor user list: --limit needs a value'],
      [['user', 'list', '--realm', ''], 'arbor user list: --realm needs a realm name (alpha, /alpha or / for root)'],
      [['user', 'add'], 'arbor user add: --username is required'],
      [['user', 'add', '--username', 'x', '--set', 'mail'], 'arbor user add: --set needs attr=value, got "mail"'],
      [['user', 'add', '--usernme', 'x'], 'arbor user add: unknown option --usernme (did you mean --username?)'],
      [['users', 'import'], 'arbor users import: name the file to import'],
      [['users', 'export', '--format', 'xml'], 'arbor users export: --format must be jsonl or csv, got "xml"'],
      [['mail', 'list', '--status', 'lost'], 'arbor mail list: --status must be one of stored, pending, sent, failed, withheld, got "lost"'],
      [['mail', 'list', '--json=1'], 'arbor mail list: --json takes no value'],
      [['mail', 'show'], 'arbor mail show: name the message id'],
      [['journey', 'import', '--realm'], 'arbor journey import: --realm needs a value'],
      [['journey', 'export', 'Login', '--format', 'xml'], 'arbor journey export: --format must be frodo or am, got "xml"'],
      [['backup'], 'arbor backup: name the backup file'],
      [['backup', 'a.db', 'b.db'], 'arbor backup: name one backup file, got 2'],
    ];
    for (const [args, message] of cases) {
      const { code, out, err, opened } = await arbor(args);
      assert.deepEqual([code, out, err[0], opened], [2, [], message, 0], args.join(' '));
      const command = commands.find((candidate) => candidate.path.every((word, index) => args[index] === word));
      assert.equal(err.at(-1), command?.usage, `${args.join(' ')}: the usage follows`);
    }
  });
});
