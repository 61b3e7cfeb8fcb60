// In-memory tables of the sandbox tenant, optionally persisted to a JSON file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export const tenantId = 'default';

type Row = Record<string, unknown>;

export type ApplicationRow = Row & {
  id: string;
  type: string;
  secret: string;
  createdAt: number;
  isThirdParty: boolean;
  customClientMetadata: Row;
};
export type ApplicationSecretRow = Row & {
  applicationId: string;
  name: string;
  value: string;
  createdAt: number;
  expiresAt: number | null;
};
export type ConnectorRow = Row & {
  id: string;
  connectorId: string;
  config: Row;
  metadata: Row;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  createdAt: number;
};
export type SsoConnectorRow = Row & {
  id: string;
  providerName: string;
  connectorName: string;
  config: Row;
  domains: string[];
  createdAt: number;
};

export type StoreState = {
  applications: ApplicationRow[];
  applicationSecrets: ApplicationSecretRow[];
  connectors: ConnectorRow[];
  ssoConnectors: SsoConnectorRow[];
  signInExperience: Row;
  /** Apps holding an M2M role with the Management API `all` scope. */
  managementApiAppIds: string[];
  /** Apps given the deprecated internal admin role through `PATCH { isAdmin: true }`. */
  internalAdminAppIds: string[];
  /** The tenant's token signing key: tokens stay valid across restarts with a state file. */
  signingKeyPem: string;
};

export type StoreOptions = {
  seed: () => StoreState;
  stateFile?: string;
};

export class Store {
  state: StoreState;

  constructor(private readonly options: StoreOptions) {
    const { stateFile } = options;
    this.state =
      stateFile && existsSync(stateFile)
        ? (JSON.parse(readFileSync(stateFile, 'utf8')) as StoreState)
        : options.seed();
    this.save();
  }

  reset() {
    this.state = this.options.seed();
    this.save();
  }

  /** Called after every successful write, so a restart sees what clients saw. */
  save() {
    const { stateFile } = this.options;
    if (!stateFile) {
      return;
    }
    const temporary = `${stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, stateFile);
  }

  /** `order by created_at desc`; among equal timestamps the newer insert first. */
  applicationsNewestFirst() {
    return [...this.state.applications].reverse().sort((a, b) => b.createdAt - a.createdAt);
  }

  findApplication(id: string) {
    return this.state.applications.find((application) => application.id === id);
  }

  /** `order by id asc` (packages/core/src/queries/connector.ts). */
  connectorsById() {
    return [...this.state.connectors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
