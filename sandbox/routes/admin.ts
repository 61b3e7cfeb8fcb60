// The sandbox's own test surface under /__sandbox/: request log, reset, faults, token expiry.
// It is not part of Logto and never lives under /api.
import type { SandboxContext } from '../context';
import type { FaultInjector } from '../faults';
import { json, noContent, parseBody, type Route } from '../http';
import type { RequestLog } from '../request-log';

export type AdminDependencies = {
  context: SandboxContext;
  /** The Management API routes served, listed for contract tests. */
  managementRoutes: Route[];
  log: RequestLog;
  faults: FaultInjector;
  reset: () => void;
};

export const adminRoutes = ({
  context,
  managementRoutes,
  log,
  faults,
  reset,
}: AdminDependencies): Route[] => {
  const { z } = context.modules;
  const faultConfigGuard = z
    .object({
      rules: z
        .array(
          z
            .object({
              match: z
                .object({
                  method: z.string().optional(),
                  path: z
                    .string()
                    .refine((pattern) => {
                      try {
                        return Boolean(new RegExp(pattern));
                      } catch {
                        return false;
                      }
                    }, 'not a valid regular expression')
                    .optional(),
                })
                .strict()
                .optional(),
              status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]).optional(),
              retryAfter: z.number().int().nonnegative().optional(),
              delayMs: z.number().int().nonnegative().optional(),
              drop: z.boolean().optional(),
              loseAnswer: z.boolean().optional(),
              times: z.number().int().positive().optional(),
            })
            .strict()
        )
        .optional(),
      rateLimit: z
        .object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() })
        .strict()
        .optional(),
      latencyMs: z.number().int().nonnegative().optional(),
    })
    .strict();

  return [
    {
      method: 'GET',
      path: '/__sandbox/routes',
      handler: async () => json(200, managementRoutes.map(({ method, path }) => ({ method, path }))),
    },
    { method: 'GET', path: '/__sandbox/requests', handler: async () => json(200, log.list()) },
    {
      method: 'DELETE',
      path: '/__sandbox/requests',
      handler: async () => {
        log.clear();
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/reset',
      handler: async () => {
        reset();
        return noContent();
      },
    },
    { method: 'GET', path: '/__sandbox/faults', handler: async () => json(200, faults.describe()) },
    {
      method: 'POST',
      path: '/__sandbox/faults',
      handler: async (request) => {
        const result = faultConfigGuard.safeParse(parseBody(request) ?? {});
        if (!result.success) {
          return json(400, { message: 'Invalid fault configuration.', issues: result.error.issues });
        }
        faults.configure(result.data);
        return json(200, faults.describe());
      },
    },
    {
      method: 'DELETE',
      path: '/__sandbox/faults',
      handler: async () => {
        faults.clear();
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/expire-tokens',
      handler: async () => {
        for (const id of context.issuedTokenIds) {
          context.revokedTokenIds.add(id);
        }
        return json(200, { expired: context.issuedTokenIds.size });
      },
    },
  ];
};
