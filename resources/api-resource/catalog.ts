import { managementClient } from "../logto";
import { resourcesPath, scopeIdsOf, type LogtoResource } from "./api";

/** An API resource as roles see it: its id and its permissions' ids by name. */
export interface CatalogEntry {
  id: string;
  indicator: string;
  scopeIds: Record<string, string>;
}

/**
 * Where roles find the permissions they name, by API indicator. One provider process serves
 * one `pulumi` run: what this run's ApiResource operations wrote is known exactly (Pulumi runs
 * a role's operation after those of the APIs it refers to), anything else is read from Logto
 * once per run, and read again once if an indicator is missing (made since by someone else).
 */
class ApiCatalog {
  private readonly written = new Map<string, CatalogEntry | undefined>();
  private listed: Promise<Map<string, CatalogEntry>> | undefined;

  record(resource: LogtoResource, scopeIds: Record<string, string>): void {
    this.written.set(resource.indicator, { id: resource.id, indicator: resource.indicator, scopeIds });
  }

  forget(indicator: string): void {
    this.written.set(indicator, undefined);
  }

  async find(indicator: string): Promise<CatalogEntry | undefined> {
    if (this.written.has(indicator)) return this.written.get(indicator);
    const known = (await (this.listed ?? this.list())).get(indicator);
    return known ?? (await this.list()).get(indicator);
  }

  private list(): Promise<Map<string, CatalogEntry>> {
    const listed = managementClient()
      .get<LogtoResource[]>(resourcesPath, { query: { includeScopes: "true" } })
      .then((resources) => new Map(resources.map((resource) => [resource.indicator, { id: resource.id, indicator: resource.indicator, scopeIds: scopeIdsOf(resource.scopes ?? []) }])));
    this.listed = listed;
    listed.catch(() => {
      if (this.listed === listed) this.listed = undefined;
    });
    return listed;
  }
}

export const apiCatalog = new ApiCatalog();
