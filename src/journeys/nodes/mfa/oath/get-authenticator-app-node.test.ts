import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../../engine/actions.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { APPLE_APP_LINK, appLinksHtml, getAuthenticatorAppNode, GOOGLE_APP_LINK } from './get-authenticator-app-node.ts';

describe('GetAuthenticatorAppNode', () => {
  it("sends AM's script writing the store links into callback_0, and Continue; then outcome", async () => {
    const { action } = await runNode(getAuthenticatorAppNode);
    const [script, confirm] = sentCallbacks(action);
    assert.equal(outputValue(script, 'messageType'), '4');
    const text = String(outputValue(script, 'message'));
    assert.ok(text.startsWith('document.getElementById("callback_0").innerHTML="'));
    assert.ok(text.includes(APPLE_APP_LINK) && text.includes(GOOGLE_APP_LINK));
    assert.ok(text.includes('Apple App Store') && text.includes('Google Play Store'));
    assert.deepEqual(outputValue(confirm, 'options'), ['Continue']);
    const next = await runNode(getAuthenticatorAppNode, { callbacks: submit(sentCallbacks(action), [undefined, 0]) });
    assert.deepEqual(next.action, goTo('outcome'));
  });

  it('uses the configured links, message and label by locale; labels placed by the message itself', async () => {
    const config = { appleLink: 'https://apps.example/ios', googleLink: 'https://apps.example/android', message: { fr: 'Prenez {{appleLink}} ou {{googleLink}}' }, continueLabel: { fr: 'Continuer' } };
    const { action } = await runNode(getAuthenticatorAppNode, { config, request: { locales: ['fr'] } });
    const [script, confirm] = sentCallbacks(action);
    assert.match(String(outputValue(script, 'message')), /Prenez .*https:\/\/apps\.example\/ios.* ou .*https:\/\/apps\.example\/android/);
    assert.deepEqual(outputValue(confirm, 'options'), ['Continuer']);
    assert.equal(appLinksHtml('<a href="{{appleLink}}">{{appleLabel}}</a>', 'A', 'G'), '<a href="A">Apple App Store</a>');
  });

  it('keeps a message from breaking out of the script string', async () => {
    const { action } = await runNode(getAuthenticatorAppNode, { config: { message: { en: 'x"; alert(1); "</script>' } } });
    const text = String(outputValue(sentCallbacks(action)[0], 'message'));
    assert.match(text, /^document\.getElementById\("callback_0"\)\.innerHTML="(?:[^"\\\n<]|\\.)*"$/, 'one string literal to the end');
    assert.equal(text.includes('</script>'), false);
  });
});
