import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, schemaType, type OpenApiDocument } from '../scripts/openapi-types.js';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('schemaType', () => {
  it('maps the scalar types, null and lists of types', () => {
    expect(schemaType({ type: 'string' })).toBe('string');
    expect(schemaType({ type: 'integer' })).toBe('number');
    expect(schemaType({ type: 'boolean' })).toBe('boolean');
    expect(schemaType({ type: ['string', 'null'] })).toBe('string | null');
    expect(schemaType({})).toBe('unknown');
    expect(schemaType(false)).toBe('never');
  });

  it('maps const and enum to literals', () => {
    expect(schemaType({ const: true })).toBe('true');
    expect(schemaType({ type: 'string', enum: ['a', 'b"c'] })).toBe('"a" | "b\\"c"');
  });

  it('maps arrays, read-only arrays and tuples, grouping unions', () => {
    expect(schemaType({ type: 'array', items: { type: 'string' } })).toBe('string[]');
    expect(schemaType({ type: 'array', items: { type: 'string' }, readOnly: true })).toBe(
      'readonly string[]',
    );
    expect(schemaType({ type: 'array', items: { enum: ['a', 'b'] } })).toBe('("a" | "b")[]');
    expect(
      schemaType({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] }),
    ).toBe('[number, number]');
  });

  it('maps objects with required and optional properties, and records', () => {
    const object = schemaType({
      type: 'object',
      description: 'ignored at the top',
      properties: {
        id: { type: 'string', description: 'The id' },
        'needs-quotes': { type: 'number' },
      },
      required: ['id'],
      additionalProperties: false,
    });
    expect(squash(object)).toBe('{ /** The id */ id: string; "needs-quotes"?: number; }');
    expect(
      squash(
        schemaType({
          type: 'object',
          propertyNames: { type: 'string' },
          additionalProperties: { type: 'string' },
        } as never),
      ),
    ).toBe('{ [key: string]: string; }');
    expect(schemaType({ type: 'object', additionalProperties: false })).toBe(
      'Record<string, never>',
    );
    expect(schemaType({ type: 'object' })).toBe('Record<string, unknown>');
  });

  it('maps references, unions and intersections', () => {
    expect(schemaType({ $ref: '#/components/schemas/Text' })).toBe('Text');
    expect(schemaType({ anyOf: [{ $ref: '#/components/schemas/Text' }, { type: 'null' }] })).toBe(
      'Text | null',
    );
    expect(
      schemaType({
        allOf: [
          { $ref: '#/components/schemas/A' },
          { anyOf: [{ type: 'string' }, { type: 'number' }] },
        ],
      }),
    ).toBe('A & (string | number)');
    expect(() => schemaType({ $ref: 'https://elsewhere.example/schema' })).toThrow(
      /unsupported reference/,
    );
  });
});

describe('generateTypes', () => {
  const document: OpenApiDocument = {
    paths: {
      '/v1/things/{id}': {
        get: {
          summary: 'One thing',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'lang', in: 'query', description: 'Language', schema: { type: 'string' } },
          ],
          responses: {
            200: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            404: {
              content: {
                'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
              },
            },
          },
        },
        post: {
          requestBody: {
            content: { 'application/json': { schema: { type: 'object', properties: {} } } },
          },
          responses: { 204: { description: 'Done' } },
        },
      },
      '/v1/admin/secrets': {
        get: {
          responses: {
            200: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Secret' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          description: 'A thing',
          properties: { name: { $ref: '#/components/schemas/Name' } },
          required: ['name'],
        },
        Name: { type: 'string' },
        Problem: { type: 'object', properties: { title: { type: 'string' } } },
        Secret: { type: 'string' },
      },
    },
  };
  const code = generateTypes(document, { include: (path) => !path.startsWith('/v1/admin') });

  it('writes the components the chosen paths use, also through other components', () => {
    expect(code).toContain('/** A thing */\nexport type Thing = {');
    expect(code).toContain('export type Name = string;');
    expect(code).toContain('export type Problem = {');
    expect(code).not.toContain('Secret');
  });

  it('writes path and query parameters, the body and the 2xx answer of each operation', () => {
    expect(squash(code)).toContain(
      squash(`"/v1/things/{id}": {
        /** One thing */
        get: {
          path: { id: string; };
          query: { /** Language */ lang?: string; };
          response: Thing;
        };
        post: {
          body: Record<string, unknown>;
          response: unknown;
        };
      };`),
    );
    expect(code).not.toContain('/v1/admin');
  });
});

describe('the runtime', () => {
  it('imports nothing but its own modules: no zod, no Node built-ins, only fetch', () => {
    const sources = readdirSync(new URL('../src', import.meta.url)).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    expect(sources).toContain('client.ts');
    for (const file of sources) {
      const code = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      const imported = [...code.matchAll(/\bfrom '([^']+)'/g)].map((match) => match[1]);
      expect(
        imported.filter((specifier) => !specifier!.startsWith('./')),
        file,
      ).toEqual([]);
    }
  });
});
