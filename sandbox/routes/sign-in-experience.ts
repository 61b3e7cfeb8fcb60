// /api/sign-in-exp (packages/core/src/routes/sign-in-experience/index.ts): a singleton row.
import { getLogtoConnectors } from '../connector-library';
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, type Route } from '../http';
import {
  validateForgotPasswordMethods,
  validateMfa,
  validatePasswordExpiration,
  validateSignIn,
  validateSignUp,
} from '../sign-in-experience-rules';

/** Columns only Logto Cloud accepts; an OSS server rejects them. */
const cloudOnlyFields = ['hideLogtoBranding', 'customUiCsp'] as const;

export const signInExperienceRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { SignInExperiences } = schemas;
  const optionalUrl = z.string().url().optional().nullable().or(z.literal(''));
  const patchGuard = SignInExperiences.createGuard
    .omit({
      tenantId: true,
      id: true,
      termsOfUseUrl: true,
      privacyPolicyUrl: true,
      trustedDevice: true,
    })
    .merge(z.object({ termsOfUseUrl: optionalUrl, privacyPolicyUrl: optionalUrl }))
    .partial();
  const responseGuard = SignInExperiences.guard.omit({ trustedDevice: true });

  const current = () => store.state.signInExperience as any;

  return [
    {
      method: 'GET',
      path: '/api/sign-in-exp',
      handler: async () => json(200, guardResponse(responseGuard, current())),
    },
    {
      method: 'PATCH',
      path: '/api/sign-in-exp',
      handler: async (request) => {
        guardQuery(request, z.object({ removeUnusedDemoSocialConnector: z.string().optional() }));
        const body = guardBody(request, patchGuard);
        const { socialSignInConnectorTargets, ...rest } = body;

        for (const field of cloudOnlyFields) {
          assertThat(
            rest[field] === undefined,
            new RequestError({
              code: 'request.invalid_input',
              details: `\`${field}\` is only available in Logto Cloud.`,
            })
          );
        }
        const language = rest.languageInfo?.fallbackLanguage;
        assertThat(
          !language || modules.builtInLanguages.includes(language),
          new RequestError({ code: 'sign_in_experiences.unsupported_default_language', language })
        );

        const connectors = getLogtoConnectors(context);
        const connectorTypes = new Set(connectors.map(({ type }) => type));
        // Targets without a social connector are dropped silently.
        const filteredTargets = socialSignInConnectorTargets?.filter((target) =>
          connectors.some(
            (connector) => connector.type === 'Social' && connector.metadata.target === target
          )
        );

        const stored = current();
        if (rest.signUp) {
          validateSignUp(rest.signUp, connectorTypes);
        }
        if (rest.signIn) {
          validateSignIn(rest.signIn, rest.signUp ?? stored.signUp, connectorTypes, rest.mfa ?? stored.mfa);
        }
        if (rest.mfa) {
          validateMfa(rest.mfa, (rest.signIn ?? stored.signIn).methods);
        }
        if (rest.forgotPasswordMethods) {
          validateForgotPasswordMethods(rest.forgotPasswordMethods, connectorTypes);
        }
        if (rest.passwordExpiration?.enabled) {
          validatePasswordExpiration(
            rest.forgotPasswordMethods ?? stored.forgotPasswordMethods,
            connectorTypes
          );
        }

        // `jsonbMode: 'replace'`: each top-level field sent replaces the stored one whole.
        const updates = Object.fromEntries(
          Object.entries({ ...rest, socialSignInConnectorTargets: filteredTargets }).filter(
            ([, value]) => value !== undefined
          )
        );
        Object.assign(store.state.signInExperience, updates);
        store.save();
        return json(200, guardResponse(responseGuard, current()));
      },
    },
  ];
};
