import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFile, generatedSource } from '../scripts/source.js';

describe('src/api.generated.ts', () => {
  it('is what the current API’s OpenAPI document generates (else: npm run generate)', async () => {
    expect(readFileSync(generatedFile, 'utf8')).toBe(await generatedSource());
  });
});
