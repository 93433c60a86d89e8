import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { submit } from '../journeys/engine/node-testing.ts';
import { createScriptRunner } from './script-runner.ts';
import { scriptHostError } from './script-host.ts';
import { jsScript, runRecorded } from './testing/script-fixtures.ts';

const runner = createScriptRunner();

describe('legacy bindings (evaluator 1.0)', () => {
  it('reads and writes sharedState and transientState as Java maps (nested ones too) and as plain objects', async () => {
    const source = [
      'var name = sharedState.get("username");',
      'sharedState.put("greeting", "hello " + name);',
      'transientState.put("secret", transientState.secret + "!");',
      'sharedState.count = sharedState.get("missing") === null ? 1 : 2;',
      'sharedState.put("mail", sharedState.get("objectAttributes").get("mail"));',
      'outcome = sharedState.containsKey("username") ? "true" : "false";',
    ].join('\n');
    const { output } = await runRecorded(runner, jsScript(source), { data: { shared: { username: 'bob', objectAttributes: { mail: 'bob@example.com' } }, transient: { secret: 's' } } });
    assert.equal(output.outcome, 'true');
    assert.deepEqual(output.shared, { username: 'bob', objectAttributes: { mail: 'bob@example.com' }, greeting: 'hello bob', count: 1, mail: 'bob@example.com' });
    assert.deepEqual(output.transient, { secret: 's!' });
  });

  it('reads nodeState as AM’s JsonValue (transient before shared)', async () => {
    const source = 'outcome = nodeState.get("username").asString() + "/" + nodeState.get("age").asInteger() + "/" + (nodeState.get("none") === null);';
    const { output } = await runRecorded(runner, jsScript(source), { data: { shared: { username: 'shared-bob', age: '42' }, transient: { username: 'bob' } } });
    assert.equal(output.outcome, 'bob/42/true');
  });

  it('sends callbacks with JavaImporter and `with`, then reads the answers (password as a char array)', async () => {
    const source = [
      'var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.NameCallback,',
      '  javax.security.auth.callback.PasswordCallback, javax.security.auth.callback.ChoiceCallback, javax.security.auth.callback.TextOutputCallback,',
      '  javax.security.auth.callback.ConfirmationCallback, com.sun.identity.authentication.callbacks.HiddenValueCallback,',
      '  javax.security.auth.callback.TextInputCallback, com.sun.identity.authentication.spi.MetadataCallback);',
      'with (fr) {',
      '  if (callbacks.isEmpty()) {',
      '    action = Action.send(new NameCallback("Name"), new PasswordCallback("Password", false), new ChoiceCallback("Pick", ["a", "b"], 1, false),',
      '      new TextOutputCallback(TextOutputCallback.WARNING, "Careful"), new ConfirmationCallback(ConfirmationCallback.INFORMATION, ["Go", "Stop"], 0),',
      '      new HiddenValueCallback("device", "x"), new TextInputCallback("Code"), new MetadataCallback({ step: 1 })).withHeader("Who are you?").build();',
      '  } else {',
      '    sharedState.put("name", callbacks.get(0).getName());',
      '    sharedState.put("password", String(callbacks.get(1).getPassword()));',
      '    sharedState.put("joined", callbacks.get(1).getPassword().join(""));',
      '    sharedState.put("choice", callbacks.get(2).getSelectedIndexes()[0]);',
      '    sharedState.put("confirmed", callbacks.get(4).getSelectedIndex());',
      '    sharedState.put("hidden", callbacks.get(5).getId() + "=" + callbacks.get(5).getValue());',
      '    sharedState.put("code", callbacks.get(6).getText());',
      '    action = Action.goTo("true").build();',
      '  }',
      '}',
    ].join('\n');
    const script = jsScript(source);
    const first = await runRecorded(runner, script);
    const types = first.output.callbacks.map((callback) => callback.type);
    assert.deepEqual(types, ['NameCallback', 'PasswordCallback', 'ChoiceCallback', 'TextOutputCallback', 'ConfirmationCallback', 'HiddenValueCallback', 'TextInputCallback', 'MetadataCallback']);
    assert.equal(first.output.header, 'Who are you?');
    assert.deepEqual(first.output.callbacks[3]?.output, [{ name: 'message', value: 'Careful' }, { name: 'messageType', value: '1' }]);
    assert.deepEqual(first.output.callbacks[7]?.output, [{ name: 'data', value: { step: 1 } }]);
    const answers = submit(first.output.callbacks, ['alice', 'pa55', 0, undefined, 1, 'abc', '123456']);
    const second = await runRecorded(runner, script, { data: { callbacks: answers } });
    assert.equal(second.output.outcome, 'true');
    assert.deepEqual(second.output.shared, { name: 'alice', password: 'pa55', joined: 'pa55', choice: 0, confirmed: 1, hidden: 'device=abc', code: '123456' });
  });

  it('imports whole packages and fully qualified classes, as field scripts do', async () => {
    const source = [
      'var fr = JavaImporter(org.forgerock.openam.auth.node.api, javax.security.auth.callback);',
      'with (fr) { action = Action.send(new NameCallback("a"), new javax.security.auth.callback.PasswordCallback("b", false)).withStage("S").build(); }',
    ].join('\n');
    const { output } = await runRecorded(runner, jsScript(source));
    assert.deepEqual(output.callbacks.map((callback) => callback.type), ['NameCallback', 'PasswordCallback']);
    assert.equal(output.stage, 'S');
  });

  it('gives the request: headers as lists, parameters, session, realm, resume flag', async () => {
    const source = 'outcome = [requestHeaders.get("User-Agent").get(0), requestParameters.get("lang").get(0), existingSession.get("UserToken"), realm, resumedFromSuspend].join("|");';
    const { output } = await runRecorded(runner, jsScript(source), {
      data: { headers: { 'user-agent': ['Test/1'] }, parameters: { lang: ['fr'] }, existingSession: { UserToken: 'bob' }, resumedFromSuspend: true },
    });
    assert.equal(output.outcome, 'Test/1|fr|bob|/alpha|true');
  });

  it('writes logger lines at their levels', async () => {
    const { lines } = await runRecorded(runner, jsScript('logger.message("m"); logger.warning("w"); logger.error("e", 1); outcome = "true";'));
    assert.deepEqual(lines.map((line) => `${line.level}:${line.message}`), ['info:m', 'warn:w', 'error:e 1']);
  });

  it('reads a secret through the host once per label: as UTF-8 and as bytes; a missing one throws NoSuchSecretException', async () => {
    const source = [
      'var key = secrets.getGenericSecret("scripted.node.api.key");',
      'var again = secrets.getGenericSecret("scripted.node.api.key");',
      'var missing;',
      'try { secrets.getGenericSecret("esv-none"); } catch (e) { missing = e.name + "|" + e.code + "|" + e.message; }',
      'outcome = [key.getAsUtf8(), again.getAsBytes().join(","), JSON.stringify(key), String(key), missing].join(" ; ");',
    ].join('\n');
    const answer = async (op: string, args: unknown): Promise<unknown> => {
      if (op !== 'secrets.get') return null;
      if (JSON.stringify(args) === '{"id":"scripted.node.api.key"}') return { valueBase64: Buffer.from('k\u00e9y', 'utf8').toString('base64') };
      throw scriptHostError('NO_SUCH_SECRET', 'no secret esv-none is stored');
    };
    const { output, calls } = await runRecorded(runner, jsScript(source), { answer });
    assert.equal(output.outcome, 'k\u00e9y ; 107,195,169,121 ; {} ; [secret scripted.node.api.key] ; NoSuchSecretException|NO_SUCH_SECRET|no secret esv-none is stored');
    assert.deepEqual(calls.map((call) => call.op), ['secrets.get', 'secrets.get'], 'one host call per label, however often it is read');
  });

  it('reads and changes attributes through idRepository', async () => {
    const source = 'var mail = idRepository.getAttribute("bob", "mail").iterator().next(); idRepository.setAttribute("bob", "description", ["vip"]); outcome = mail;';
    const { output, calls } = await runRecorded(runner, jsScript(source), { answer: async (op) => (op === 'idrepo.get' ? ['bob@example.com'] : null) });
    assert.equal(output.outcome, 'bob@example.com');
    assert.deepEqual(calls.map((call) => call.op), ['idrepo.get', 'idrepo.set']);
    assert.deepEqual(calls[1]?.args, { user: 'bob', attribute: 'description', values: ['vip'] });
  });

  it('sends a legacy Request through httpClient', async () => {
    const source = [
      'var request = new org.forgerock.http.protocol.Request();',
      'request.setUri("https://api.example.com/check"); request.setMethod("POST"); request.getHeaders().add("x-key", "k");',
      'request.getEntity().setString("{}");',
      'var response = httpClient.send(request).get();',
      'outcome = response.getStatus().getCode() + ":" + JSON.parse(response.getEntity().getString()).ok;',
    ].join('\n');
    const { output, calls } = await runRecorded(runner, jsScript(source), { answer: async () => ({ status: 201, headers: {}, body: '{"ok":true}' }) });
    assert.equal(output.outcome, '201:true');
    assert.deepEqual(calls[0]?.args, { url: 'https://api.example.com/check', method: 'POST', headers: { 'x-key': ['k'] }, body: '{}' });
  });
});

describe('next-generation bindings (evaluator 2.0)', () => {
  it('uses nodeState, callbacksBuilder and the callbacks getters', async () => {
    const source = [
      'if (callbacks.isEmpty()) {',
      '  callbacksBuilder.nameCallback("User", "default"); callbacksBuilder.passwordCallback("Password", false);',
      '  callbacksBuilder.hiddenValueCallback("device", ""); callbacksBuilder.choiceCallback("Pick", ["x", "y"], 0, false);',
      '} else {',
      '  nodeState.putShared("username", callbacks.getNameCallbacks()[0]);',
      '  nodeState.putTransient("password", callbacks.getPasswordCallbacks()[0]);',
      '  nodeState.mergeShared({ device: callbacks.getHiddenValueCallbacks().device, pick: callbacks.getChoiceCallbacks()[0][0] });',
      '  action.goTo("true").withErrorMessage("Nope");',
      '}',
    ].join('\n');
    const script = jsScript(source, { version: '2.0' });
    const first = await runRecorded(runner, script);
    assert.deepEqual(first.output.callbacks.map((callback) => callback.type), ['NameCallback', 'PasswordCallback', 'HiddenValueCallback', 'ChoiceCallback']);
    const second = await runRecorded(runner, script, { data: { callbacks: submit(first.output.callbacks, ['carol', 'pw', 'd-1', 1]) } });
    assert.equal(second.output.outcome, 'true');
    assert.equal(second.output.errorMessage, 'Nope');
    assert.deepEqual(second.output.shared, { username: 'carol', device: 'd-1', pick: 1 });
    assert.deepEqual(second.output.transient, { password: 'pw' });
  });

  it('chooses an outcome with page texts through action.goTo', async () => {
    const { output } = await runRecorded(runner, jsScript('action.goTo("false").withHeader("H").withDescription("D").withStage("S");', { version: '2.0' }));
    assert.deepEqual([output.outcome, output.header, output.description, output.stage], ['false', 'H', 'D', 'S']);
  });

  it('reads only the declared inputs and writes only the declared outputs', async () => {
    const source = 'nodeState.putShared("seen", String(nodeState.get("hidden")) + "/" + nodeState.get("shown")); try { nodeState.putShared("other", 1); } catch (e) { nodeState.putShared("refused", true); } action.goTo("true");';
    const { output } = await runRecorded(runner, jsScript(source, { version: '2.0' }), {
      data: { shared: { hidden: 'h', shown: 's' }, inputs: ['shown'], outputs: ['seen', 'refused'] },
    });
    assert.equal(output.shared.seen, 'null/s');
    assert.equal(output.shared.refused, true);
    assert.equal(Object.hasOwn(output.shared, 'other'), false);
  });

  it('uses httpClient, openidm, utils and systemEnv', async () => {
    const source = [
      'var answer = httpClient.send("https://api.example.com/x", { method: "POST", headers: { "content-type": "application/json" }, body: { q: 1 } }).get();',
      'var found = openidm.query("managed/alpha_user", { _queryFilter: "userName eq \\"bob\\"" }, ["mail"]);',
      'var bytes = utils.crypto.getRandomValues(new Uint8Array(4));',
      'nodeState.putShared("status", answer.status); nodeState.putShared("body", answer.json().ok);',
      'nodeState.putShared("mail", found.result[0].mail); nodeState.putShared("b64", utils.base64.encode("hi") + "/" + utils.base64.decode("aGk="));',
      'nodeState.putShared("env", systemEnv.getProperty("esv.api.url")); nodeState.putShared("bytes", bytes.length);',
      'action.goTo("true");',
    ].join('\n');
    const { output, calls } = await runRecorded(runner, jsScript(source, { version: '2.0' }), {
      settings: { variables: { 'esv.api.url': 'https://api.example.com' } },
      answer: async (op) => (op === 'http' ? { status: 200, headers: {}, body: '{"ok":"yes"}' } : { result: [{ _id: '1', mail: 'bob@example.com' }], resultCount: 1 }),
    });
    assert.deepEqual(output.shared, { status: 200, body: 'yes', mail: 'bob@example.com', b64: 'aGk=/hi', env: 'https://api.example.com', bytes: 4 });
    assert.deepEqual(calls.map((call) => call.op), ['http', 'idm.query']);
    assert.deepEqual(calls[0]?.args, { url: 'https://api.example.com/x', method: 'POST', headers: { 'content-type': ['application/json'] }, body: '{"q":1}' });
  });
});
