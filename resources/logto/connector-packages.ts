import type { ZodTypeAny } from "zod";

/**
 * Logto connector packages installed with this project, by the factory id each declares. The
 * provider checks their configs with their own guards at preview, loading only the packages of
 * the factories a stack uses; the sandbox serves them all as its connector factories.
 */
export const bundledConnectorPackages: Readonly<Record<string, string>> = {
  "apple-universal": "@logto/connector-apple",
  oidc: "@logto/connector-oidc",
  "aws-ses-mail": "@logto/connector-aws-ses",
  "simple-mail-transfer-protocol": "@logto/connector-smtp",
};

/** A connector package as Logto loads it: its factory called with a config it never reads. */
export interface ConnectorPackage {
  type: "Social" | "Email" | "Sms";
  metadata: Record<string, unknown> & { id: string; target: string; platform: string | null; isStandard?: boolean };
  configGuard: ZodTypeAny;
}

// The packages are ES modules without type declarations.
const importEsm = (specifier: string): Promise<any> => import(specifier);

export async function loadConnectorPackage(name: string): Promise<ConnectorPackage> {
  const { type, metadata, configGuard } = await (await importEsm(name)).default({ getConfig: async () => ({}) });
  return { type, metadata, configGuard };
}
