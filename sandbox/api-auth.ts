// Bearer token check of the Management API (packages/core/src/middleware/koa-auth/index.ts).
import type { IncomingHttpHeaders } from 'node:http';

import { issuerOf, type SandboxContext } from './context';
import { RequestError } from './errors';
import { JoseLikeError } from './tokens';

const bearer = 'Bearer';

export const authenticateManagementRequest = (
  context: SandboxContext,
  headers: IncomingHttpHeaders
) => {
  const { authorization } = headers;
  if (!authorization) {
    throw new RequestError({ code: 'auth.authorization_header_missing', status: 401 });
  }
  if (!authorization.startsWith(bearer)) {
    throw new RequestError(
      { code: 'auth.authorization_token_type_not_supported', status: 401 },
      { supportedTypes: [bearer] }
    );
  }

  let scopes: string[];
  try {
    const claims = context.signer.verify(authorization.slice(bearer.length + 1), {
      issuer: issuerOf(context.settings),
      audience: context.settings.resourceIndicator,
    });
    if (context.revokedTokenIds.has(claims.jti)) {
      throw context.signer.expired(claims);
    }
    scopes = (claims.scope ?? '').split(' ');
  } catch (error: unknown) {
    const data =
      error instanceof JoseLikeError
        ? error
        : new JoseLikeError('ERR_JWS_INVALID', 'JWSInvalid', 'Invalid Compact JWS');
    throw new RequestError({ code: 'auth.unauthorized', status: 401 }, data);
  }

  if (!scopes.includes('all')) {
    throw new RequestError({ code: 'auth.forbidden', status: 403 });
  }
};
