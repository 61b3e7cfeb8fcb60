// ES384 access tokens (Logto's default key type) signed and verified with node:crypto. Verification
// failures mimic the `jose` errors that Logto's koa-auth puts in `data` of `auth.unauthorized`.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

export type AccessTokenClaims = {
  jti: string;
  sub: string;
  iat: number;
  exp: number;
  scope?: string;
  client_id: string;
  iss: string;
  aud: string;
};

/** Serialises like a jose error: `{ code, name, ...extra }`. */
export class JoseLikeError extends Error {
  constructor(
    readonly code: string,
    name: string,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = name;
  }

  toJSON() {
    return { code: this.code, name: this.name, ...this.extra };
  }
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const signatureOptions = (key: KeyObject) => ({ key, dsaEncoding: 'ieee-p1363' as const });

const decodeJson = (segment: string): Record<string, unknown> => {
  const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('not an object');
  }
  return value as Record<string, unknown>;
};

export class TokenSigner {
  readonly privateKeyPem: string;
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(privateKeyPem?: string) {
    this.privateKeyPem =
      privateKeyPem ??
      generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString();
    this.privateKey = createPrivateKey(this.privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.kid = base64url(
      Buffer.from(JSON.stringify(this.publicKey.export({ format: 'jwk' })))
    ).slice(0, 43);
  }

  get publicJwk() {
    return { ...this.publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'ES384', use: 'sig' };
  }

  issue(claims: Omit<AccessTokenClaims, 'jti'>): { token: string; claims: AccessTokenClaims } {
    const fullClaims = { jti: randomUUID(), ...claims };
    const header = { alg: 'ES384', typ: 'at+jwt', kid: this.kid };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(fullClaims))}`;
    const signature = sign('sha384', Buffer.from(input), signatureOptions(this.privateKey));
    return { token: `${input}.${base64url(signature)}`, claims: fullClaims };
  }

  /** Same checks and order as jose's `jwtVerify`: structure, key, signature, iss, aud, exp. */
  verify(token: string, expected: { issuer: string; audience: string }): AccessTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) {
      throw new JoseLikeError('ERR_JWS_INVALID', 'JWSInvalid', 'Invalid Compact JWS');
    }
    const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];

    let header: Record<string, unknown>;
    try {
      header = decodeJson(encodedHeader);
    } catch {
      throw new JoseLikeError('ERR_JWS_INVALID', 'JWSInvalid', 'JWS Protected Header is invalid');
    }
    if (header.alg !== 'ES384' || (header.kid !== undefined && header.kid !== this.kid)) {
      throw new JoseLikeError(
        'ERR_JWKS_NO_MATCHING_KEY',
        'JWKSNoMatchingKey',
        'no applicable key found in the JSON Web Key Set'
      );
    }

    const valid = verify(
      'sha384',
      Buffer.from(`${encodedHeader}.${encodedPayload}`),
      signatureOptions(this.publicKey),
      Buffer.from(encodedSignature, 'base64url')
    );
    if (!valid) {
      throw new JoseLikeError(
        'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
        'JWSSignatureVerificationFailed',
        'signature verification failed'
      );
    }

    const payload = decodeJson(encodedPayload) as AccessTokenClaims;
    const claimFailure = (claim: string, message: string) =>
      new JoseLikeError('ERR_JWT_CLAIM_VALIDATION_FAILED', 'JWTClaimValidationFailed', message, {
        claim,
        reason: 'check_failed',
        payload,
      });

    if (payload.iss !== expected.issuer) {
      throw claimFailure('iss', 'unexpected "iss" claim value');
    }
    if (payload.aud !== expected.audience) {
      throw claimFailure('aud', 'unexpected "aud" claim value');
    }
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) {
      throw this.expired(payload);
    }
    return payload;
  }

  expired(payload: AccessTokenClaims) {
    return new JoseLikeError('ERR_JWT_EXPIRED', 'JWTExpired', '"exp" claim timestamp check failed', {
      claim: 'exp',
      reason: 'check_failed',
      payload,
    });
  }
}
