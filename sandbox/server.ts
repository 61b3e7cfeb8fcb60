// The sandbox HTTP server: Logto's /oidc and /api surfaces plus the /__sandbox/ test surface.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { authenticateManagementRequest } from './api-auth';
import type { SandboxContext, SandboxSettings } from './context';
import { OidcError, oidcErrorBody, RequestError, requestErrorBody } from './errors';
import { FaultInjector } from './faults';
import {
  BodyParseError,
  findRoute,
  notFoundText,
  queryObject,
  readRawBody,
  writeResponse,
  type Route,
  type SandboxRequest,
  type SandboxResponse,
} from './http';
import { generateStandardId, generateStandardSecret } from './ids';
import { loadLogtoModules } from './logto-modules';
import { classify, RequestLog } from './request-log';
import { adminRoutes } from './routes/admin';
import { organizationRelations } from './organization-relations';
import { applicationOrganizationRoutes } from './routes/application-organizations';
import { applicationRoleRoutes } from './routes/application-roles';
import { applicationSecretRoutes } from './routes/application-secrets';
import { applicationRoutes } from './routes/applications';
import { connectorRoutes } from './routes/connectors';
import { customPhraseRoutes } from './routes/custom-phrases';
import { idpRoutes } from './routes/idp';
import { oidcDiscoveryRoutes } from './routes/oidc-discovery';
import { organizationApplicationRoutes } from './routes/organization-applications';
import { organizationJitRoutes } from './routes/organization-jit';
import { organizationRoleScopeRoutes } from './routes/organization-role-scopes';
import { organizationRoleRoutes } from './routes/organization-roles';
import { organizationScopeRoutes } from './routes/organization-scopes';
import { organizationRoutes } from './routes/organizations';
import { resourceScopeRoutes } from './routes/resource-scopes';
import { resourceRoutes } from './routes/resources';
import { roleApplicationRoutes } from './routes/role-applications';
import { roleScopeRoutes } from './routes/role-scopes';
import { roleRoutes } from './routes/roles';
import { signInExperienceRoutes } from './routes/sign-in-experience';
import { ssoConnectorRoutes } from './routes/sso-connectors';
import { ensureM2mAccess, seedState, upgradeState } from './seed';
import { Store } from './store';
import { handleTokenRequest } from './token-endpoint';
import { TokenSigner } from './tokens';

export type SandboxOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** M2M credentials; generated when absent. */
  appId?: string;
  appSecret?: string;
  stateFile?: string;
  /** Management API indicator; Cloud-like tenants use `https://<tenant>.logto.app/api`. */
  resourceIndicator?: string;
  accessTokenTtlSeconds?: number;
  ssoFetchRetries?: number;
  ssoFetchRetryDelayMs?: number;
};

export type RunningSandbox = {
  endpoint: string;
  appId: string;
  appSecret: string;
  close: () => Promise<void>;
};

/** Marks a test's own setup request: no fault applies to it and it is not logged. */
export const outOfBandHeader = 'x-sandbox-out-of-band';

const internalServerError = (): SandboxResponse => ({
  status: 500,
  body: { message: 'Internal server error.' },
});

export const startSandbox = async (options: SandboxOptions = {}): Promise<RunningSandbox> => {
  const modules = await loadLogtoModules();
  const host = options.host ?? '127.0.0.1';
  const credentials = {
    appId: options.appId ?? generateStandardId(),
    appSecret: options.appSecret ?? generateStandardSecret(),
  };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const settings: SandboxSettings = {
    endpoint: `http://${host}:${port}`,
    resourceIndicator: options.resourceIndicator ?? modules.schemas.defaultManagementApi.resource.indicator,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    ssoFetchRetries: options.ssoFetchRetries ?? 2,
    ssoFetchRetryDelayMs: options.ssoFetchRetryDelayMs ?? 1000,
    credentials,
  };

  let signingKeyPem: string | undefined;
  const seed = () => {
    signingKeyPem ??= new TokenSigner().privateKeyPem;
    return seedState(modules.schemas, credentials, signingKeyPem, settings.resourceIndicator);
  };
  const store = new Store({
    seed,
    upgrade: (loaded) => upgradeState(loaded, seed()),
    stateFile: options.stateFile,
  });
  signingKeyPem = store.state.signingKeyPem;
  ensureM2mAccess(store.state, seed(), credentials);
  store.save();

  const context: SandboxContext = {
    modules,
    store,
    signer: new TokenSigner(signingKeyPem),
    settings,
    issuedTokenIds: new Set(),
    revokedTokenIds: new Set(),
  };
  const log = new RequestLog();
  const faults = new FaultInjector();
  const reset = () => {
    store.reset();
    faults.clear();
    for (const id of context.issuedTokenIds) {
      context.revokedTokenIds.delete(id);
    }
  };

  const organizations = organizationRelations(context);
  const managementRoutes: Route[] = [
    ...applicationRoutes(context),
    ...applicationSecretRoutes(context),
    ...applicationRoleRoutes(context),
    ...applicationOrganizationRoutes(context, organizations),
    ...resourceRoutes(context),
    ...resourceScopeRoutes(context),
    ...roleRoutes(context),
    ...roleScopeRoutes(context),
    ...roleApplicationRoutes(context),
    ...organizationScopeRoutes(context),
    ...organizationRoleRoutes(context, organizations),
    ...organizationRoleScopeRoutes(context, organizations),
    ...organizationRoutes(context),
    ...organizationJitRoutes(context, organizations),
    ...organizationApplicationRoutes(context, organizations),
    ...connectorRoutes(context),
    ...ssoConnectorRoutes(context),
    ...signInExperienceRoutes(context),
    ...customPhraseRoutes(context),
  ];
  const publicRoutes: Route[] = [
    { method: 'POST', path: '/oidc/token', handler: async (request) => handleTokenRequest(context, request) },
    ...oidcDiscoveryRoutes(context),
    ...idpRoutes(context),
    ...adminRoutes({ context, managementRoutes, log, faults, reset }),
  ];

  /** Route matching first (koa-router), then auth (koaAuth), then the handler and its guards. */
  const dispatch = async (request: SandboxRequest): Promise<SandboxResponse> => {
    try {
      const publicMatch = findRoute(publicRoutes, request.method, request.path);
      if (publicMatch) {
        return await publicMatch.route.handler({ ...request, params: publicMatch.params });
      }
      const match = request.path.startsWith('/api/')
        ? findRoute(managementRoutes, request.method, request.path)
        : undefined;
      if (!match) {
        return notFoundText();
      }
      authenticateManagementRequest(context, request.headers);
      return await match.route.handler({ ...request, params: match.params });
    } catch (error: unknown) {
      if (error instanceof RequestError) {
        return { status: error.status, body: requestErrorBody(error, modules.errorPhrases) };
      }
      if (error instanceof OidcError) {
        return { status: error.status, body: oidcErrorBody(error, modules.errorPhrases) };
      }
      if (error instanceof BodyParseError) {
        return { status: 400, body: { message: error.message } };
      }
      process.stderr.write(`[sandbox] ${request.method} ${request.path}: ${String(error)}\n`);
      return internalServerError();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', settings.endpoint);
    const requestClass = classify(method, url.pathname);
    // Test setup calls marked out of band bypass faults and the log (test/support/sandbox.ts).
    const isOutOfBand = req.headers[outOfBandHeader] === 'true';
    const record = (status: number) => {
      const isLogRead = url.pathname === '/__sandbox/requests';
      if (!isLogRead && !isOutOfBand) {
        log.add({
          method,
          path: url.pathname,
          query: queryObject(url),
          status,
          time: new Date(startedAt).toISOString(),
          durationMs: Date.now() - startedAt,
          class: requestClass,
        });
      }
    };

    const rawBody = await readRawBody(req);
    let loseAnswer = false;
    if (requestClass !== 'admin' && !isOutOfBand) {
      const outcome = await faults.intercept(method, url.pathname);
      loseAnswer = outcome.kind === 'lose-answer';
      if (outcome.kind === 'drop') {
        record(0);
        req.socket.destroy();
        return;
      }
      if (outcome.kind === 'respond') {
        writeResponse({ method, headers: req.headers }, res, outcome.response);
        record(outcome.response.status);
        return;
      }
    }

    const response = await dispatch({
      method,
      path: url.pathname,
      url,
      headers: req.headers,
      rawBody,
      params: {},
    });
    if (loseAnswer) {
      record(0);
      req.socket.destroy();
      return;
    }
    writeResponse({ method, headers: req.headers }, res, response);
    record(res.statusCode);
  };

  server.on('request', (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        writeResponse({ method: 'GET', headers: {} }, res, internalServerError());
      }
    });
  });

  return {
    endpoint: settings.endpoint,
    ...credentials,
    close: async () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

