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

  /** The indicator of the API resource `id`. */
  async indicatorOf(id: string): Promise<string | undefined> {
    const byId = (entries: Iterable<CatalogEntry | undefined>) => [...entries].find((entry) => entry?.id === id)?.indicator;
    return byId(this.written.values()) ?? byId((await (this.listed ?? this.list())).values()) ?? byId((await this.list()).values());
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

/** The scope ids of permissions named by API indicator and permission name; names Logto lacks are an error. */
export async function permissionIds(permissions: Array<{ api: string; scopes: string[] }>, property = "permissions"): Promise<string[]> {
  const ids = await Promise.all(
    permissions.map(async ({ api: indicator, scopes }, index) => {
      const api = await apiCatalog.find(indicator);
      if (!api) throw new Error(`${property}[${index}].api: Logto has no API resource ${indicator}`);
      return scopes.map((name) => {
        const id = api.scopeIds[name];
        if (id === undefined) throw new Error(`${property}[${index}].scopes: the API resource ${indicator} has no permission "${name}"`);
        return id;
      });
    }),
  );
  return ids.flat();
}
