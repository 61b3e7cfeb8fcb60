export { Application, type ApplicationInputs } from "./application";
export { Connector, type ConnectorInputs } from "./connector";
