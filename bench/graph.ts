// The floor's resource graph (test/fixtures/bench/floor) from a measured stack's state.

const secretSignature = "4dabf18193072939515e22adb298388d";
const providerKey = "__provider";

export interface FloorGraph {
  resources: Array<{
    type: string;
    name: string;
    custom: boolean;
    parent?: number;
    dependsOn: number[];
    inputs: Record<string, unknown>;
    /** Properties the measured resource declares as outputs only (registered as undefined). */
    outputNames: string[];
    additionalSecretOutputs: string[];
  }>;
  outputs: Record<string, unknown>;
}

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  parent?: string;
  dependencies?: string[];
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  additionalSecretOutputs?: string[];
}

/** Secrets of `pulumi stack export --show-secrets` become `{ "__secret": value }` for the floor program. */
function markSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(markSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[secretSignature] !== undefined && typeof record.plaintext === "string") {
    return { __secret: markSecrets(JSON.parse(record.plaintext)) };
  }
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, markSecrets(inner)]));
}

export const urnName = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

export function stateResources(exported: string): StateResource[] {
  return ((JSON.parse(exported) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? []);
}

/** Custom resources of the program (dynamic ones here): not the stack, not provider resources. */
export const isProgramCustom = (resource: StateResource) => Boolean(resource.custom) && !resource.type.startsWith("pulumi:providers:");

/** `decryptedState`: `pulumi stack export --show-secrets` of the measured stack after `up`. */
export function floorGraph(decryptedState: string): FloorGraph {
  const all = stateResources(decryptedState);
  const stack = all.find((resource) => resource.type === "pulumi:pulumi:Stack");
  const replayed = all.filter((resource) => resource !== stack && !resource.type.startsWith("pulumi:providers:"));
  const index = new Map(replayed.map((resource, position) => [resource.urn, position]));
  return {
    resources: replayed.map((resource) => {
      const { [providerKey]: _provider, ...inputs } = resource.inputs ?? {};
      return {
        type: resource.type,
        name: urnName(resource.urn),
        custom: Boolean(resource.custom),
        ...(resource.parent !== undefined && index.has(resource.parent) && { parent: index.get(resource.parent) }),
        dependsOn: (resource.dependencies ?? []).flatMap((urn) => (index.has(urn) ? [index.get(urn)!] : [])),
        inputs: markSecrets(inputs) as Record<string, unknown>,
        outputNames: Object.keys(resource.outputs ?? {}).filter((name) => name !== providerKey && !(name in inputs)),
        additionalSecretOutputs: resource.additionalSecretOutputs ?? [],
      };
    }),
    outputs: markSecrets(stack?.outputs ?? {}) as Record<string, unknown>,
  };
}
