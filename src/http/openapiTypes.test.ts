import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from './openapiTypes.ts';

describe('the web app API types', () => {
  it('are generated from the current OpenAPI document (run `npm run api:types` after changing a route)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    expect(committed === (await apiTypes()), `${API_TYPES_FILE} is stale: run npm run api:types`).toBe(true);
  });
});
