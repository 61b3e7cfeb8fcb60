export { Application, type ApplicationInputs } from "./application";
