export { Application, type ApplicationInputs } from "./application";
export { Connector, type ConnectorInputs } from "./connector";
export { SignInExperience, type SignInExperienceInputs } from "./sign-in-experience";
