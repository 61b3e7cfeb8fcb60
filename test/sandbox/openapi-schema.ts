// A small validator for the OpenAPI 3.0 schema subset that Logto's generated document uses.
// Logto's generator writes `{ type: "object", description: "Validator function" }` for zod
// refinements it cannot describe: those accept anything.
type Schema = Record<string, any>;

export type OpenApiDocument = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

const typeOf = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

export const validateAgainstSchema = (document: OpenApiDocument, schema: Schema, value: unknown, at = "$"): string[] => {
  if (schema.$ref) {
    const name = String(schema.$ref).replace("#/components/schemas/", "");
    return validateAgainstSchema(document, document.components.schemas[name]!, value, at);
  }
  if (schema.description === "Validator function") {
    return [];
  }
  if (value === null) {
    return schema.nullable || !schema.type ? [] : [`${at}: null is not allowed`];
  }
  if (schema.oneOf || schema.anyOf) {
    const options: Schema[] = schema.oneOf ?? schema.anyOf;
    const failures = options.map((option) => validateAgainstSchema(document, option, value, at));
    return failures.some((errors) => errors.length === 0) ? [] : [`${at}: matches none of ${options.length} options (${failures.flat()[0]})`];
  }
  if (schema.allOf) {
    return (schema.allOf as Schema[]).flatMap((part) => validateAgainstSchema(document, part, value, at));
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  }

  const actual = typeOf(value);
  switch (schema.type) {
    case undefined:
      return [];
    case "number":
      return actual === "integer" || actual === "number" ? [] : [`${at}: expected number, got ${actual}`];
    case "integer":
      return actual === "integer" ? [] : [`${at}: expected integer, got ${actual}`];
    case "string":
    case "boolean":
      return actual === schema.type ? [] : [`${at}: expected ${schema.type}, got ${actual}`];
    case "array":
      return actual === "array"
        ? (value as unknown[]).flatMap((item, index) => (schema.items ? validateAgainstSchema(document, schema.items, item, `${at}[${index}]`) : []))
        : [`${at}: expected array, got ${actual}`];
    case "object": {
      if (actual !== "object") {
        return [`${at}: expected object, got ${actual}`];
      }
      const record = value as Record<string, unknown>;
      const missing = ((schema.required ?? []) as string[])
        .filter((key) => record[key] === undefined)
        .map((key) => `${at}.${key}: required`);
      const properties = Object.entries(record).flatMap(([key, item]) => {
        const propertySchema = schema.properties?.[key];
        if (propertySchema) {
          return validateAgainstSchema(document, propertySchema, item, `${at}.${key}`);
        }
        if (schema.additionalProperties === false) {
          return [`${at}.${key}: unexpected property`];
        }
        return typeof schema.additionalProperties === "object"
          ? validateAgainstSchema(document, schema.additionalProperties, item, `${at}.${key}`)
          : [];
      });
      return [...missing, ...properties];
    }
    default:
      return [];
  }
};
