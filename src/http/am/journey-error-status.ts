/** How journey engine errors map to AM's HTTP answers. */
import type { JourneyErrorCode } from '../../journeys/engine/errors.ts';

/** Status and detail for a journey error code. Timed-out, replayed and tampered authIds carry errorCode 110 so clients restart. */
export function journeyErrorStatus(code: JourneyErrorCode): { status: number; detail?: Record<string, unknown> } {
  switch (code) {
    case 'AUTH_ID_EXPIRED':
    case 'AUTH_ID_INVALID':
    case 'TREE_REVISION_GONE':
      return { status: 401, detail: { errorCode: '110' } };
    case 'SUSPENDED_ID_INVALID':
      return { status: 401 };
    case 'TREE_NOT_FOUND':
    case 'TREE_DISABLED':
    case 'TREE_INNER_ONLY':
    case 'AUTH_ID_MALFORMED':
    case 'BAD_SUBMISSION':
      return { status: 400 };
    case 'TREE_INVALID':
    case 'LOOP_GUARD':
    case 'UNKNOWN_OUTCOME':
    case 'EXTERNAL_LOGIN_URL_REFUSED':
    case 'CAPABILITY_MISSING':
      return { status: 500 };
  }
}
