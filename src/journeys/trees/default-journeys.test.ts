import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { validateJourney } from '../engine/validate-journey.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from '../engine/tree-model.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.ts';
import { defaultCapabilities } from '../../platform/capabilities.ts';
import { defaultJourneys } from './default-journeys.ts';
import { parseJourneyJson, readJourneyFile } from './read-journey-file.ts';

// The node types of a default Arbor: the social capability's Select Identity Provider and Social Provider Handler too.
const registry = createNodeRegistry([...builtinNodes, ...defaultCapabilities.flatMap((capability) => capability.nodes)]);
const NAMES = ['ForgottenUsername', 'Login', 'ProgressiveProfile', 'Registration', 'ResetPassword', 'UpdatePassword'];

/** The node types along the path success takes (`true`, then the single outcome, local sign-in), page children in brackets. */
function shape(journey: JourneyDefinition): string[] {
  const steps: string[] = [];
  for (let id = journey.tree.entryNodeId; id !== SUCCESS_NODE_ID; ) {
    const entry = journey.tree.nodes[id];
    assert.ok(entry, `node ${id} missing`);
    const children = journey.nodes[id]?.nodes;
    steps.push(Array.isArray(children) ? `${entry.nodeType}[${children.map((c: { nodeType: string }) => c.nodeType).join(',')}]` : entry.nodeType);
    const c = entry.connections;
    id = c.true ?? c.outcome ?? c.localAuthentication ?? c.CREATED ?? c.PATCHED ?? SUCCESS_NODE_ID;
  }
  return steps;
}

async function journeysOf(realm: string): Promise<Map<string, JourneyDefinition>> {
  return new Map((await defaultJourneys(realm)).map((j) => [j.tree._id, j]));
}

describe('default journeys', () => {
  for (const realm of ['alpha', 'root']) {
    it(`${realm}: the six self-service journeys, each valid against the real node types`, async () => {
      const journeys = await journeysOf(realm);
      assert.deepEqual([...journeys.keys()], NAMES);
      for (const journey of journeys.values()) {
        const problems = await validateJourney(journey, { registry, treeExists: (name) => journeys.has(name) });
        assert.deepEqual(problems, [], `${realm}/${journey.tree._id}`);
        assert.equal(journey.tree.identityResource, realm === 'root' ? 'managed/user' : 'managed/alpha_user');
      }
    });
  }

  it('alpha Login signs in, checks the terms, counts the login and runs ProgressiveProfile; root Login is for administrators', async () => {
    const alpha = await journeysOf('alpha');
    const root = await journeysOf('root');
    const login = alpha.get('Login');
    assert.ok(login);
    assert.deepEqual(shape(login), ['PageNode[ValidatedUsernameNode,ValidatedPasswordNode,SelectIdPNode]', 'DataStoreDecisionNode', 'TermsAndConditionsDecisionNode', 'IncrementLoginCountNode', 'InnerTreeEvaluatorNode']);
    // Terms not accepted (or an older version): a "Terms and Conditions" page, then Patch Object records the acceptance and the sign-in goes on.
    const decision = Object.values(login.tree.nodes).find((n) => n.nodeType === 'TermsAndConditionsDecisionNode');
    const count = Object.entries(login.tree.nodes).find(([, n]) => n.nodeType === 'IncrementLoginCountNode')?.[0];
    const termsPage = decision?.connections.false === undefined ? undefined : login.tree.nodes[decision.connections.false];
    assert.equal(decision?.connections.true, count);
    assert.equal(termsPage?.nodeType, 'PageNode');
    const termsPageConfig = login.nodes[decision?.connections.false ?? ''];
    assert.deepEqual(termsPageConfig?.pageHeader, { en: 'Terms and Conditions' });
    const children = termsPageConfig?.nodes;
    assert.ok(Array.isArray(children));
    assert.deepEqual(children.map((c: { nodeType: string }) => c.nodeType), ['AcceptTermsAndConditionsNode']);
    const record = login.tree.nodes[termsPage?.connections.outcome ?? ''];
    assert.equal(record?.nodeType, 'PatchObjectNode');
    assert.deepEqual(record?.connections, { PATCHED: count, FAILURE: FAILURE_NODE_ID });
    assert.deepEqual(login.nodes[termsPage?.connections.outcome ?? '']?.ignoredFields, ['userName', 'password'], 'only the acceptance is written, never the password typed to sign in');
    assert.equal(Object.values(login.nodes).find((n) => n._type._id === 'InnerTreeEvaluatorNode')?.tree, 'ProgressiveProfile');
    assert.match(JSON.stringify(login.nodes[login.tree.entryNodeId]?.pageDescription), /#\/service\/Registration.*#\/service\/ForgottenUsername.*#\/service\/ResetPassword/);
    const adminLogin = root.get('Login');
    assert.ok(adminLogin);
    assert.deepEqual(shape(adminLogin), ['PageNode[ValidatedUsernameNode,ValidatedPasswordNode]', 'DataStoreDecisionNode', 'IncrementLoginCountNode']);
    assert.doesNotMatch(JSON.stringify(adminLogin), /#\/service\//);
    assert.equal(root.get('Registration')?.tree.enabled, false, 'nobody signs up in the administrators’ realm unless an administrator enables it');
    assert.equal(alpha.get('Registration')?.tree.enabled, true);
  });

  it('the flows match the Identity Cloud samples', async () => {
    const alpha = await journeysOf('alpha');
    const shapeOf = (name: string) => shape(alpha.get(name) as JourneyDefinition);
    assert.deepEqual(shapeOf('Registration'), [
      'PageNode[ValidatedUsernameNode,AttributeCollectorNode,ValidatedPasswordNode,KbaCreateNode,AcceptTermsAndConditionsNode,SelectIdPNode]',
      'CreateObjectNode',
      'IncrementLoginCountNode',
    ]);
    assert.deepEqual(shapeOf('ProgressiveProfile'), ['LoginCountDecisionNode', 'QueryFilterDecisionNode', 'PageNode[AttributeCollectorNode]', 'PatchObjectNode']);
    assert.deepEqual(shapeOf('ResetPassword'), ['PageNode[AttributeCollectorNode]', 'IdentifyExistingUserNode', 'EmailSuspendNode', 'PageNode[ValidatedPasswordNode]', 'PatchObjectNode']);
    assert.deepEqual(shapeOf('ForgottenUsername'), ['PageNode[AttributeCollectorNode]', 'IdentifyExistingUserNode', 'EmailSuspendNode', 'InnerTreeEvaluatorNode']);
    assert.deepEqual(shapeOf('UpdatePassword'), ['SessionDataNode', 'AttributePresentDecisionNode', 'PageNode[ValidatedPasswordNode]', 'DataStoreDecisionNode', 'PageNode[ValidatedPasswordNode]', 'PatchObjectNode']);
    for (const name of ['ResetPassword', 'ForgottenUsername']) {
      const identify = Object.values((alpha.get(name) as JourneyDefinition).tree.nodes).find((n) => n.nodeType === 'IdentifyExistingUserNode');
      assert.equal(identify?.connections.true, identify?.connections.false, `${name}: both outcomes lead on, so no response tells whether the address has an account`);
    }
  });

  it('alpha Login and Registration offer social sign-in as SocialLogin and SocialRegistration do; root Login stays local', async () => {
    const alpha = await journeysOf('alpha');
    /** The path a first social sign-in takes: `outcomes` tried in order at each node. */
    const path = (journey: JourneyDefinition, outcomes: string[]): string[] => {
      const steps: string[] = [];
      for (let id = journey.tree.entryNodeId; id !== SUCCESS_NODE_ID && id !== FAILURE_NODE_ID; ) {
        const entry = journey.tree.nodes[id];
        assert.ok(entry, `node ${id} missing`);
        steps.push(entry.nodeType);
        const next = outcomes.map((outcome) => entry.connections[outcome]).find((target) => target !== undefined);
        assert.ok(next !== undefined, `${journey.tree._id}: ${entry.nodeType} has none of ${outcomes.join(', ')}`);
        id = next;
      }
      return steps;
    };
    const firstSocial = ['socialAuthentication', 'NO_ACCOUNT', 'false', 'outcome', 'CREATED', 'true'];
    const login = alpha.get('Login') as JourneyDefinition;
    const registration = alpha.get('Registration') as JourneyDefinition;
    assert.deepEqual(path(login, firstSocial), ['PageNode', 'SocialProviderHandlerNode', 'RequiredAttributesDecisionNode', 'PageNode', 'CreateObjectNode', 'IncrementLoginCountNode', 'InnerTreeEvaluatorNode']);
    assert.deepEqual(path(login, ['socialAuthentication', 'ACCOUNT_EXISTS', 'outcome', 'true']), ['PageNode', 'SocialProviderHandlerNode', 'IncrementLoginCountNode', 'InnerTreeEvaluatorNode']);
    assert.deepEqual(path(registration, firstSocial), ['PageNode', 'SocialProviderHandlerNode', 'IdentifyExistingUserNode', 'RequiredAttributesDecisionNode', 'PageNode', 'CreateObjectNode', 'IncrementLoginCountNode']);
    assert.deepEqual(path(registration, ['socialAuthentication', 'NO_ACCOUNT', 'true', 'PATCHED', 'outcome']), ['PageNode', 'SocialProviderHandlerNode', 'IdentifyExistingUserNode', 'PatchObjectNode', 'IncrementLoginCountNode'], 'account claiming');
    for (const journey of [login, registration]) {
      const select = Object.values(journey.nodes).find((node) => node._type._id === 'SelectIdPNode');
      assert.deepEqual([select?.includeLocalAuthentication, select?.offerOnlyExisting, select?.filteredProviders], [true, false, []], `${journey.tree._id}: every enabled provider, and local sign-in`);
      const page = journey.nodes[journey.tree.entryNodeId]?.nodes;
      assert.ok(Array.isArray(page));
      assert.equal(page.at(-1)?._id, select?._id, `${journey.tree._id}: the page's last child, so that the page runs it first`);
    }
    const rootLogin = (await journeysOf('root')).get('Login');
    assert.doesNotMatch(JSON.stringify(rootLogin), /SelectIdPNode|SocialProviderHandlerNode/, 'administrators sign in locally only');
  });

  it('a first social sign-in accepts the active terms before the account is created, whether or not the provider gave every required attribute', async () => {
    const alpha = await journeysOf('alpha');
    const social = await Promise.all(['SocialLogin', 'SocialRegistration'].map(async (name) => {
      const fileName = `${name}.json`;
      const text = await readFile(new URL(`../../platform/social/journeys/${fileName}`, import.meta.url), 'utf8');
      return readJourneyFile(parseJourneyJson(text, fileName), fileName).journeys[0];
    }));
    for (const journey of [alpha.get('Login'), alpha.get('Registration'), ...social]) {
      assert.ok(journey !== undefined);
      const name = journey.tree._id;
      /** The node types from `id` to Create Object, each page with its children, along every way there. */
      const toCreate = (id: string, seen: string[]): string[][] => {
        const entry = journey.tree.nodes[id];
        if (entry === undefined || seen.includes(id)) return [];
        const children = journey.nodes[id]?.nodes;
        const step = Array.isArray(children) ? `${entry.nodeType}[${children.map((c: { nodeType: string }) => c.nodeType).join(',')}]` : entry.nodeType;
        if (entry.nodeType === 'CreateObjectNode') return [[step]];
        return Object.values(entry.connections).flatMap((next) => toCreate(next, [...seen, id]).map((rest) => [step, ...rest]));
      };
      const handler = Object.entries(journey.tree.nodes).find(([, entry]) => entry.nodeType === 'SocialProviderHandlerNode');
      const noAccount = handler?.[1].connections['NO_ACCOUNT'];
      assert.ok(noAccount !== undefined, name);
      const paths = toCreate(noAccount, []);
      assert.ok(paths.length >= 2, `${name}: both outcomes of Required Attributes Present create the account`);
      for (const steps of paths) {
        assert.ok(steps.some((step) => /^PageNode\[.*AcceptTermsAndConditionsNode/.test(step)), `${name}: ${steps.join(' > ')}`);
      }
      const decision = Object.values(journey.tree.nodes).find((entry) => entry.nodeType === 'RequiredAttributesDecisionNode');
      const pageOf = (id: string | undefined): string[] => ((id === undefined ? undefined : journey.nodes[id]?.nodes) as { nodeType: string }[] | undefined)?.map((child) => child.nodeType) ?? [];
      assert.deepEqual(pageOf(decision?.connections['false']), ['AttributeCollectorNode', 'AcceptTermsAndConditionsNode'], `${name}: what is missing, and the terms, on one page`);
      assert.deepEqual(pageOf(decision?.connections['true']), ['AcceptTermsAndConditionsNode'], `${name}: the terms alone when nothing is missing`);
    }
  });

  it('realms get distinct node ids', async () => {
    const alpha = await defaultJourneys('alpha');
    const root = await defaultJourneys('root');
    const alphaIds = new Set(alpha.flatMap((j) => Object.keys(j.nodes)));
    assert.deepEqual(root.flatMap((j) => Object.keys(j.nodes)).filter((id) => alphaIds.has(id)), []);
  });
});
