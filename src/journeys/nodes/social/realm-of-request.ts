/** The realm name of a journey's request facts (`/` → `root`, `/alpha` → `alpha`), as the social services take it. */
import type { RequestFacts } from '../../engine/node-context.ts';

export function realmOfRequest(request: Pick<RequestFacts, 'realm'>): string {
  const name = request.realm.replace(/^\/+/, '');
  return name === '' ? 'root' : name;
}
