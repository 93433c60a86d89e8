import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCliError } from './cli-error.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const options = { realm: { type: 'string', default: 'alpha' }, offset: { type: 'string', default: '0' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } as const;

function usageMessage(args: string[], allowPositionals = false): string {
  try {
    parseCommandArgs({ args, options, allowPositionals });
  } catch (error) {
    assert.ok(isCliError(error, 'USAGE'), String(error));
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail(`accepted ${args.join(' ')}`);
}

describe('parseCommandArgs', () => {
  it('parses as parseArgs does, with values that may start with -', () => {
    const { values, positionals } = parseCommandArgs({ args: ['--offset', '-1', '--json', 'a', '--realm=/alpha', '--', '--b'], options, allowPositionals: true });
    assert.deepEqual({ ...values }, { realm: '/alpha', offset: '-1', json: true });
    assert.deepEqual(positionals, ['a', '--b']);
    assert.deepEqual({ ...parseCommandArgs({ args: [], options }).values }, { realm: 'alpha', offset: '0', json: false });
  });

  it('says in words what is wrong, never with the parser message', () => {
    const cases: Array<[string[], string]> = [
      [['--colour'], 'unknown option --colour'],
      [['--realms', 'x'], 'unknown option --realms (did you mean --realm?)'],
      [['--jsn'], 'unknown option --jsn (did you mean --json?)'],
      [['-x'], 'unknown option -x'],
      [['--realm'], '--realm needs a value'],
      [['--realm', '--json'], '--realm needs a value'],
      [['--realm', '-h'], '--realm needs a value'],
      [['--json=yes'], '--json takes no value'],
      [['extra'], 'unexpected argument "extra"'],
      [['--', 'extra'], 'unexpected argument "extra"'],
    ];
    for (const [args, message] of cases) assert.equal(usageMessage(args), message, args.join(' '));
  });
});
