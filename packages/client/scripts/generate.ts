// `npm run generate`: writes src/api.generated.ts from the built API's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { generatedFile, generatedSource } from './source.js';

writeFileSync(generatedFile, await generatedSource());
console.log(`wrote ${generatedFile}`);
