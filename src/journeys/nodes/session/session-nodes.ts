/**
 * The session, auth level and cookie node types, as the registry of built-in types lists them,
 * with `GetSessionDataNode`: the name some exports give AM's Get Session Data node
 * (`SessionDataNode`), registered as the same node. The persistent cookie nodes come with the
 * persistent cookie capability (`src/platform/session-cookies/`), which opens their keys.
 */
import { anyNode, type AnyNodeDefinition } from '../../engine/define-node.ts';
import { sessionDataNode } from '../session-data-node.ts';
import { authLevelDecisionNode } from './auth-level-decision-node.ts';
import { cookiePresenceDecisionNode } from './cookie-presence-decision-node.ts';
import { modifyAuthLevelNode } from './modify-auth-level-node.ts';
import { persistentCookieDecisionNode } from './persistent-cookie-decision-node.ts';
import { removeSessionPropertiesNode } from './remove-session-properties-node.ts';
import { setCustomCookieNode } from './set-custom-cookie-node.ts';
import { setPersistentCookieNode } from './set-persistent-cookie-node.ts';
import { setSessionPropertiesNode } from './set-session-properties-node.ts';

/** Get Session Data under the other name it is exported with. */
export const getSessionDataNode = { ...sessionDataNode, type: 'GetSessionDataNode' };

/** The built-in ones. */
export const sessionNodes: readonly AnyNodeDefinition[] = [
  anyNode(setSessionPropertiesNode),
  anyNode(removeSessionPropertiesNode),
  anyNode(getSessionDataNode),
  anyNode(modifyAuthLevelNode),
  anyNode(authLevelDecisionNode),
  anyNode(setCustomCookieNode),
  anyNode(cookiePresenceDecisionNode),
];

/** The persistent cookie ones (the capability's). */
export const persistentCookieNodes: readonly AnyNodeDefinition[] = [anyNode(setPersistentCookieNode), anyNode(persistentCookieDecisionNode)];
