/** Writes the web app's API types from the server's OpenAPI document. */
import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, apiTypes } from '../src/http/openapiTypes.ts';

await writeFile(API_TYPES_FILE, await apiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
