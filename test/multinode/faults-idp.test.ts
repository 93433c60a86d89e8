/**
 * An identity provider down under two nodes: a GitHub-like OAuth 2.0 provider (the social test
 * helpers' stand-in) behind a gate on a fixed loopback port. The user comes back from the provider
 * with a code, but the provider is gone when Arbor redeems it: the SocialLogin journey fails as
 * AM's 401, never a 500 or a hang, and the node logs why (`PROVIDER_UNREACHABLE`); no account is
 * made. Once the provider listens again, the same journey signs the user in. Skipped without
 * ARBOR_TEST_POSTGRES_URL and ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { visitProvider } from '../../src/social/testing/browser-at-provider.ts';
import { type GitHubLikeProvider, gitHubLikeProviderBody, startGitHubLikeProvider } from '../../src/social/testing/github-like-provider.ts';
import { ALPHA_AUTHENTICATE, call, callbacksOf, fillPage, finishJourney, type Reply } from './cluster-client.ts';
import { ADMIN_HEADERS, type Cluster, multinodeSkip, startCluster } from './harness.ts';
import { type SwitchableGate, startSwitchableGate } from './switchable-gate.ts';

const PROVIDER = 'octo';

describe('an identity provider down during a social sign-in', { skip: multinodeSkip }, () => {
  let cluster: Cluster;
  let provider: GitHubLikeProvider;
  let gate: SwitchableGate;
  let redirectUri: string;

  before(async () => {
    provider = await startGitHubLikeProvider();
    gate = await startSwitchableGate(Number(new URL(provider.baseUrl).port));
    cluster = await startCluster({ nodes: 2, env: { ARBOR_WORKERS: '1', ARBOR_LOG: 'true' } });
    redirectUri = `${cluster.url}/login`;
    const put = await call(cluster, 'PUT', `/am/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders/gitHubConfig/${PROVIDER}`, {
      headers: ADMIN_HEADERS,
      body: gitHubLikeProviderBody({ ...provider, baseUrl: gate.baseUrl }, redirectUri),
    });
    assert.equal(put.status, 201, JSON.stringify(put.body));
  });
  after(async () => {
    await cluster?.close();
    await gate?.down();
    await provider?.close();
  });

  /** Runs SocialLogin up to the provider and back: the step to resume and the code and state the provider returned. */
  const toProviderAndBack = async (): Promise<{ step: Reply; query: string }> => {
    let first: Reply;
    const deadline = performance.now() + 2000;
    do first = await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=SocialLogin`);
    while (!callbacksOf(first).some((callback) => callback.type === 'SelectIdPCallback') && performance.now() < deadline);
    assert.ok(callbacksOf(first).some((callback) => callback.type === 'SelectIdPCallback'), `the provider is offered: ${JSON.stringify(first.body)}`);
    const step = await call(cluster, 'POST', ALPHA_AUTHENTICATE, { body: { authId: first.body.authId, callbacks: fillPage(callbacksOf(first), { provider: PROVIDER }) } });
    const redirect = callbacksOf(step).find((callback) => callback.type === 'RedirectCallback');
    const target = redirect?.output?.find((entry) => entry.name === 'redirectUrl')?.value;
    assert.equal(typeof target, 'string', `a redirect to the provider: ${JSON.stringify(step.body)}`);
    const outcome = await visitProvider(String(target), redirectUri);
    assert.equal(outcome.kind, 'redirect');
    return { step, query: outcome.kind === 'redirect' ? outcome.url.search : '' };
  };
  const resume = (back: { step: Reply; query: string }): Promise<Reply> => call(cluster, 'POST', `${ALPHA_AUTHENTICATE}${back.query}`, { body: { authId: back.step.body.authId, callbacks: back.step.body.callbacks } });
  const logged = (): string => cluster.nodes.map((node) => node.output()).join('\n');

  it('fails the journey with its reason while the provider is down, and signs in once it is back', async () => {
    const back = await toProviderAndBack();
    await gate.down();
    const tokenRequests = provider.tokenRequests;
    const failed = await resume(back);
    assert.equal(failed.hung, false, 'no hang');
    assert.equal(failed.status, 401, `AM's failure, not a 500: ${JSON.stringify(failed.body)}`);
    assert.equal(failed.body.message, 'Login failure');
    assert.equal(provider.tokenRequests, tokenRequests, 'the provider never heard of it');
    // The node writes its log line as it answers: the pipe may bring it a moment after the answer.
    const reason = /"code":"PROVIDER_UNREACHABLE"[^\n]*social sign-in failed|social sign-in failed[^\n]*PROVIDER_UNREACHABLE/;
    for (let waited = 0; !reason.test(logged()) && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(logged(), reason, 'the node logs the reason');
    const users = await call(cluster, 'GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('mail eq "jan@example.org"')}`, { headers: ADMIN_HEADERS });
    assert.deepEqual(users.body.result, [], 'no account was made');

    await gate.up();
    const again = await resume(await toProviderAndBack());
    // A first sign-in through a provider may ask for what the provider did not give (terms, names).
    const { last } = await finishJourney(cluster, again, { profile: { givenName: 'Jan', sn: 'Octo', mail: 'jan@example.org' } });
    assert.equal(last.status, 200, JSON.stringify(last.body));
    assert.equal(typeof last.body.tokenId, 'string', `signed in once the provider is back: ${JSON.stringify(last.body)}`);
  });
});
