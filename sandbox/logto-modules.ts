// Logto's own packages are ESM-only; this CommonJS project reaches them through native dynamic
// import(). The specifier is a variable so TypeScript keeps the import() call as is and does not
// need declaration files for the connector packages (they ship none).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { bundledConnectorPackages, loadConnectorPackage } from '../resources/logto/connector-packages';

export type Schemas = typeof import('@logto/schemas', { with: { 'resolution-mode': 'import' } });
export type Zod = typeof import('zod', { with: { 'resolution-mode': 'import' } });
type ZodType = import('zod').ZodTypeAny;

const importEsm = async (specifier: string): Promise<any> => import(specifier);

export type ConnectorFactory = {
  type: 'Social' | 'Email' | 'Sms';
  /** Factory metadata as Logto serves it: logo as data URL, readme as text. */
  metadata: Record<string, unknown> & {
    id: string;
    target: string;
    platform: string | null;
    isStandard?: boolean;
    isTokenStorageSupported?: boolean;
  };
  configGuard: ZodType;
};

export type LogtoModules = {
  schemas: Schemas;
  z: Zod['z'];
  /** English error phrases (`packages/phrases/src/locales/en/errors`). */
  errorPhrases: Record<string, unknown>;
  builtInLanguages: readonly string[];
  /** English experience phrases (`@logto/phrases-experience`): the keys custom phrases may use. */
  englishTranslation: Record<string, unknown>;
  /** `languageTagGuard` of `@logto/language-kit`: the language tags Logto knows. */
  languageTagGuard: ZodType;
  connectorFactories: ConnectorFactory[];
};

/** Installed only as a dependency of connector-oidc: used when present, skipped otherwise. */
const optionalConnectorPackages = ['@logto/connector-oauth'];

const findPackageDirectory = (name: string): string | undefined => {
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) {
      return candidate;
    }
    if (path.dirname(directory) === directory) {
      return undefined;
    }
  }
};

/** Same as Logto's `parseMetadata`: relative logo files become data URLs, the readme its text. */
const readAsset = (directory: string, file: unknown, kind: 'svg' | 'text'): unknown => {
  if (typeof file !== 'string' || !file || (kind === 'svg' && file.startsWith('http'))) {
    return file;
  }
  const full = path.join(directory, file);
  if (!existsSync(full)) {
    return file;
  }
  return kind === 'svg'
    ? `data:image/svg+xml;base64,${readFileSync(full).toString('base64')}`
    : readFileSync(full, 'utf8');
};

const loadConnectorFactory = async (name: string): Promise<ConnectorFactory> => {
  const directory = findPackageDirectory(name) ?? '.';
  const connector = await loadConnectorPackage(name);
  const { metadata } = connector;

  return {
    type: connector.type,
    configGuard: connector.configGuard,
    metadata: {
      ...metadata,
      logo: readAsset(directory, metadata.logo, 'svg'),
      logoDark: metadata.logoDark && readAsset(directory, metadata.logoDark, 'svg'),
      readme: readAsset(directory, metadata.readme, 'text'),
      configTemplate: metadata.configTemplate && readAsset(directory, metadata.configTemplate, 'text'),
    },
  };
};

const loadOptional = async (name: string) => {
  try {
    return await loadConnectorFactory(name);
  } catch {
    return undefined;
  }
};

let cached: Promise<LogtoModules> | undefined;

export const loadLogtoModules = async (): Promise<LogtoModules> => {
  cached ??= (async () => {
    const [schemas, zod, phrases, experiencePhrases, languageKit] = await Promise.all([
      importEsm('@logto/schemas') as Promise<Schemas>,
      importEsm('zod') as Promise<Zod>,
      importEsm('@logto/phrases'),
      importEsm('@logto/phrases-experience'),
      importEsm('@logto/language-kit'),
    ]);
    const required = await Promise.all(Object.values(bundledConnectorPackages).map(loadConnectorFactory));
    const optional = await Promise.all(optionalConnectorPackages.map(loadOptional));

    return {
      schemas,
      z: zod.z,
      errorPhrases: phrases.default.en.errors,
      builtInLanguages: experiencePhrases.builtInLanguages,
      englishTranslation: experiencePhrases.default.en.translation,
      languageTagGuard: languageKit.languageTagGuard,
      connectorFactories: [...required, ...optional.filter((factory) => factory !== undefined)],
    };
  })();

  return cached;
};
