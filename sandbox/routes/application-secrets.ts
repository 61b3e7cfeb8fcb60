// /api/applications/:id/secrets (packages/core/src/routes/applications/application-secret.ts).
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardSecret } from '../ids';
import { tenantId } from '../store';
import { notExistsWithId } from './applications';

const secretNameExists = () =>
  new RequestError({ code: 'application.secret_name_exists', status: 422 });

export const applicationSecretRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { ApplicationSecrets } = modules.schemas;
  const createGuard = ApplicationSecrets.createGuard.pick({ name: true, expiresAt: true });
  const renameGuard = ApplicationSecrets.updateGuard.pick({ name: true }).required();

  const secretsOf = (applicationId: string) =>
    store.state.applicationSecrets.filter((secret) => secret.applicationId === applicationId);

  return [
    {
      method: 'GET',
      path: '/api/applications/:id/secrets',
      handler: async ({ params: { id } }) => {
        assertThat(store.findApplication(id!), notExistsWithId('applications', id!));
        return json(200, guardResponse(ApplicationSecrets.guard.array(), secretsOf(id!)));
      },
    },
    {
      method: 'POST',
      path: '/api/applications/:id/secrets',
      handler: async (request) => {
        const applicationId = request.params.id!;
        const body = guardBody(request, createGuard);
        assertThat(
          !body.expiresAt || body.expiresAt > Date.now(),
          new RequestError({
            code: 'request.invalid_input',
            details: 'The value of `expiresAt` must be in the future.',
          })
        );
        // Inserting for a missing app violates the foreign key; a taken name the primary key.
        assertThat(
          store.findApplication(applicationId),
          new RequestError({ code: 'entity.relation_foreign_key_not_found', status: 404 })
        );
        assertThat(!secretsOf(applicationId).some(({ name }) => name === body.name), secretNameExists());

        const secret = {
          tenantId,
          applicationId,
          name: body.name,
          value: generateStandardSecret(),
          createdAt: Date.now(),
          expiresAt: body.expiresAt ?? null,
        };
        store.state.applicationSecrets.push(secret);
        store.save();
        return json(201, guardResponse(ApplicationSecrets.guard, secret));
      },
    },
    {
      method: 'PATCH',
      path: '/api/applications/:id/secrets/:name',
      handler: async (request) => {
        const { id, name } = request.params;
        const body = guardBody(request, renameGuard);
        const secret = secretsOf(id!).find((item) => item.name === name);
        assertThat(
          secret,
          new RequestError({ code: 'entity.not_exists', name: 'application_secret', status: 404 })
        );
        assertThat(
          body.name === name || !secretsOf(id!).some((item) => item.name === body.name),
          secretNameExists()
        );
        secret.name = body.name;
        store.save();
        return json(200, guardResponse(ApplicationSecrets.guard, secret));
      },
    },
    {
      method: 'DELETE',
      path: '/api/applications/:id/secrets/:name',
      handler: async ({ params: { id, name } }) => {
        const { state } = store;
        const remaining = state.applicationSecrets.filter(
          (secret) => !(secret.applicationId === id && secret.name === name)
        );
        assertThat(
          remaining.length < state.applicationSecrets.length,
          new RequestError({ code: 'entity.not_found', status: 404 })
        );
        state.applicationSecrets = remaining;
        store.save();
        return noContent();
      },
    },
  ];
};
