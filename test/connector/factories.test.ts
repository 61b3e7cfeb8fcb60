import { bundledConnectorPackages, loadConnectorPackage } from "../../resources/logto/connector-packages";

describe("connector packages shipped with the project", () => {
  test.each(Object.entries(bundledConnectorPackages))("%s is the factory id that %s declares", async (factoryId, name) => {
    expect((await loadConnectorPackage(name)).metadata.id).toBe(factoryId);
  });
});
