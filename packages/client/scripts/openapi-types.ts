// TypeScript types from an OpenAPI 3.1 document, for the subset of JSON Schema that zod 4 and
// @hono/zod-openapi emit: types, const and enum, objects (closed or records), arrays and tuples,
// anyOf/oneOf/allOf and references to components. Formats, patterns and bounds are checked by
// the API, not by types; they are left out.

/** The parts of a JSON Schema the generator reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  readOnly?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema: JsonSchema }> }
  >;
}

/** The parts of an OpenAPI document the generator reads. */
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, Operation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface GenerateOptions {
  /** Which paths become part of the typed surface. */
  include(path: string): boolean;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (identifier.test(name) ? name : JSON.stringify(name));
const refName = (ref: string) => {
  const name = ref.replace(/^#\/components\/schemas\//, '');
  if (name === ref || !identifier.test(name)) throw new Error(`unsupported reference ${ref}`);
  return name;
};
const doc = (text: string | undefined, indent: string) =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n+/g, ' ')} */\n` : '';
const union = (types: string[]) => {
  const unique = [...new Set(types)];
  if (unique.length === 0) return 'never';
  return unique.length === 1 ? unique[0]! : unique.join(' | ');
};
const group = (type: string) => (/[|&]/.test(type) ? `(${type})` : type);

/** The TypeScript type of a JSON Schema, written at a given indentation. */
export function schemaType(schema: JsonSchema | boolean | undefined, indent = ''): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if (schema.$ref) return refName(schema.$ref);
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return union(schema.enum.map((value) => JSON.stringify(value)));
  if (schema.anyOf || schema.oneOf)
    return union((schema.anyOf ?? schema.oneOf)!.map((s) => group(schemaType(s, indent))));
  if (schema.allOf) return schema.allOf.map((s) => group(schemaType(s, indent))).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? objectType(schema, indent) : 'unknown';
  return union(types.map((type) => typeOf(type, schema, indent)));
}

function typeOf(type: string, schema: JsonSchema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (schema.prefixItems)
        return `[${schema.prefixItems.map((item) => schemaType(item, indent)).join(', ')}]`;
      const element = `${group(schemaType(schema.items, indent))}[]`;
      return schema.readOnly ? `readonly ${element}` : element;
    }
    case 'object':
      return objectType(schema, indent);
    default:
      throw new Error(`unsupported JSON Schema type ${type}`);
  }
}

function objectType(schema: JsonSchema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `${doc(property.description, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${schemaType(property, inner)};\n`,
  );
  const extra = schema.additionalProperties;
  // An object with named properties is open in TypeScript anyway; only a record adds a signature.
  if (extra !== undefined && extra !== false && lines.length === 0)
    lines.push(`${inner}[key: string]: ${schemaType(extra, inner)};\n`);
  if (lines.length > 0) return `{\n${lines.join('')}${indent}}`;
  return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
}

function parametersType(parameters: Parameter[], where: 'path' | 'query', indent: string) {
  const chosen = parameters.filter((parameter) => parameter.in === where);
  if (chosen.length === 0) return undefined;
  return objectType(
    {
      properties: Object.fromEntries(
        chosen.map((p) => [
          p.name,
          { ...p.schema, description: p.description ?? p.schema.description },
        ]),
      ),
      required: chosen.filter((p) => p.required).map((p) => p.name),
    },
    indent,
  );
}

const jsonContent = (content: Record<string, { schema: JsonSchema }> | undefined) =>
  Object.entries(content ?? {}).find(([type]) => /^application\/(.+\+)?json/.test(type))?.[1]
    ?.schema;

function operationType(operation: Operation, indent: string): string {
  const inner = `${indent}  `;
  const parts: string[] = [];
  const parameters = operation.parameters ?? [];
  const path = parametersType(parameters, 'path', inner);
  if (path) parts.push(`${inner}path: ${path};\n`);
  const query = parametersType(parameters, 'query', inner);
  if (query) parts.push(`${inner}query: ${query};\n`);
  const body = jsonContent(operation.requestBody?.content);
  if (body) parts.push(`${inner}body: ${schemaType(body, inner)};\n`);
  const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
  const response = union(
    success.map(([, answer]) => {
      const schema = jsonContent(answer.content);
      return schema ? schemaType(schema, inner) : 'unknown';
    }),
  );
  parts.push(`${inner}response: ${success.length === 0 ? 'unknown' : response};\n`);
  return `{\n${parts.join('')}${indent}}`;
}

/** The names of the components a schema refers to, directly or through other components. */
function referenced(start: unknown[], components: Record<string, JsonSchema>): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        if (name === '$ref' && typeof child === 'string') {
          const target = refName(child);
          if (found.has(target)) continue;
          found.add(target);
          visit(components[target]);
        } else visit(child);
      }
    }
  };
  start.forEach(visit);
  return found;
}

/**
 * A TypeScript module with a type per component the chosen paths use and a `Paths` interface:
 * for each path and method its `path` and `query` parameters, `body` and 2xx `response`.
 */
export function generateTypes(document: OpenApiDocument, options: GenerateOptions): string {
  const components = document.components?.schemas ?? {};
  const paths = Object.entries(document.paths).filter(([path]) => options.include(path));
  const used = referenced(
    paths.map(([, item]) => item),
    components,
  );
  let out =
    '// Generated by `npm run generate` from the API’s OpenAPI document: do not edit.\n' +
    '// The drift test fails when it differs from what the current API generates.\n\n';
  for (const name of Object.keys(components).sort()) {
    if (!used.has(name)) continue;
    const schema = components[name]!;
    out += `${doc(schema.description, '')}export type ${name} = ${schemaType(schema, '')};\n\n`;
  }
  out +=
    '/** The typed surface of the API: per path and method, what goes in and what comes back. */\n';
  out += 'export interface Paths {\n';
  for (const [path, item] of paths) {
    out += `  ${JSON.stringify(path)}: {\n`;
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      out += doc(operation.summary, '    ');
      out += `    ${method}: ${operationType(operation, '    ')};\n`;
    }
    out += '  };\n';
  }
  return `${out}}\n`;
}
