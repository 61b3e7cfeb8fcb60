// /api/sign-in-exp (packages/core/src/routes/sign-in-experience/index.ts): a singleton row.
import { getLogtoConnectors } from '../connector-library';
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, type Route } from '../http';
import { invalidInput } from '../rbac';
import {
  normalizeAdaptiveMfa,
  resolvePasswordExpiration,
  validateAdaptiveMfa,
  validateForgotPasswordMethods,
  validateMfa,
  validateSignIn,
  validateSignUp,
} from '../sign-in-experience-rules';

type CustomUiCsp = { scriptSrc?: string[]; connectSrc?: string[] };

/** `hasCustomUiCspSources` (@logto/core-kit). */
const hasCustomUiCspSources = (customUiCsp: CustomUiCsp | undefined) =>
  Boolean(customUiCsp?.scriptSrc?.length || customUiCsp?.connectSrc?.length);

/** Options Logto Cloud alone offers: an OSS server turns them down. */
const assertOssOffers = (
  hideLogtoBranding: boolean | undefined,
  customUiCsp: CustomUiCsp | undefined
) => {
  assertThat(
    !hideLogtoBranding,
    new RequestError({
      code: 'request.invalid_input',
      details: 'Hide Logto branding is not supported in this environment',
    })
  );
  assertThat(
    !hasCustomUiCspSources(customUiCsp),
    new RequestError({
      code: 'request.invalid_input',
      details: 'Custom UI CSP configuration is not available',
    })
  );
};

/**
 * `updateDefaultSignInExperience`: fields sent as undefined are left out, nothing left to set is
 * invalid input, and an empty string becomes null (`convertToPrimitiveOrSql`).
 */
const columnsToSet = (payload: Record<string, unknown>) => {
  const entries = Object.entries(payload)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, value === '' ? null : value]);
  assertThat(entries.length > 0, invalidInput());
  return Object.fromEntries(entries) as Record<string, unknown>;
};

export const signInExperienceRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { SignInExperiences, passwordExpirationPolicyGuard, verificationCodePolicyGuard } = schemas;
  const optionalUrl = z.string().url().optional().nullable().or(z.literal(''));
  const patchGuard = SignInExperiences.createGuard
    .omit({
      tenantId: true,
      id: true,
      termsOfUseUrl: true,
      privacyPolicyUrl: true,
      supportEmail: true,
      supportWebsiteUrl: true,
      unknownSessionRedirectUrl: true,
      passwordExpiration: true,
      verificationCodePolicy: true,
      trustedDevice: true,
    })
    .merge(
      z.object({
        termsOfUseUrl: optionalUrl,
        privacyPolicyUrl: optionalUrl,
        supportEmail: z.string().email().optional().nullable().or(z.literal('')),
        supportWebsiteUrl: optionalUrl,
        unknownSessionRedirectUrl: optionalUrl,
        passwordExpiration: passwordExpirationPolicyGuard,
        verificationCodePolicy: verificationCodePolicyGuard,
      })
    )
    .partial();
  const responseGuard = SignInExperiences.guard.omit({ trustedDevice: true });

  const current = () => store.state.signInExperience as any;

  /** `validateLanguageInfo`: built-in UI languages and those with custom phrases. */
  const assertSupportedLanguage = (language: string) => {
    const customLanguages = store.state.customPhrases.map(({ languageTag }) => languageTag);
    assertThat(
      [...modules.builtInLanguages, ...customLanguages].includes(language),
      new RequestError({ code: 'sign_in_experiences.unsupported_default_language', language })
    );
  };

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
        const { socialSignInConnectorTargets, customUiCsp, ...rest } = body;
        const { signUp, signIn, mfa, adaptiveMfa, forgotPasswordMethods, passwordExpiration } =
          rest;

        if (rest.languageInfo) {
          assertSupportedLanguage(rest.languageInfo.fallbackLanguage);
        }

        const connectors = getLogtoConnectors(context);
        const connectorTypes = new Set(connectors.map(({ type }) => type));
        const stored = current();
        // Targets without a social connector are dropped silently.
        const filteredTargets = socialSignInConnectorTargets?.filter((target) =>
          connectors.some(
            (connector) => connector.type === 'Social' && connector.metadata.target === target
          )
        );

        if (signUp) {
          validateSignUp(signUp, connectorTypes);
        }
        if (signIn) {
          validateSignIn(signIn, signUp ?? stored.signUp, connectorTypes, mfa ?? stored.mfa);
        }
        if (mfa) {
          validateMfa(mfa, (signIn ?? stored.signIn).methods);
        }
        validateAdaptiveMfa({ mfa, adaptiveMfa }, stored);
        if (forgotPasswordMethods) {
          validateForgotPasswordMethods(forgotPasswordMethods, connectorTypes);
        }
        const resolvedPasswordExpiration = resolvePasswordExpiration(
          passwordExpiration,
          stored,
          forgotPasswordMethods,
          connectorTypes,
          passwordExpirationPolicyGuard
        );
        assertOssOffers(rest.hideLogtoBranding, customUiCsp);

        // `jsonbMode: 'replace'`: each top-level field sent replaces the stored one whole.
        const updates = columnsToSet({
          ...rest,
          adaptiveMfa: normalizeAdaptiveMfa(mfa, adaptiveMfa),
          socialSignInConnectorTargets: filteredTargets,
          // With no source allowed in OSS, the normalized CSP has no directive left.
          customUiCsp: customUiCsp && {},
          passwordExpiration: passwordExpiration && resolvedPasswordExpiration,
        });
        Object.assign(store.state.signInExperience, updates);
        store.save();
        return json(200, guardResponse(responseGuard, current()));
      },
    },
  ];
};
