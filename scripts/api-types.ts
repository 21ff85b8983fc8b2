import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../server/app.ts';
import { closeContext, openContext } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';

/** Where the web application's typed client finds the API's types. */
export const API_TYPES_FILE = path.join('web', 'src', 'api', 'schema.d.ts');

const HEADER = `/**
 * Generated from the server's OpenAPI document (itself generated from the zod schemas of the routes)
 * by \`npm run api:types\` (and by \`npm test\` before it type-checks web/). Not committed; do not edit.
 */

`;

/** The API's types as openapi-typescript renders them, from an app built on a throwaway database. */
export async function renderApiTypes(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-openapi-'));
  const ctx = await openContext(loadConfig({ HUKOU_DATA_DIR: dir, HUKOU_LOG_LEVEL: 'silent', HUKOU_WEB_DIR: '' }));
  try {
    const app = await buildApp(ctx);
    await app.ready();
    const document = JSON.stringify(app.swagger());
    await app.close();
    return HEADER + astToString(await openapiTS(document, { exportType: false, alphabetize: true }));
  } finally {
    await closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync(API_TYPES_FILE, await renderApiTypes());
  console.log('wrote %s', API_TYPES_FILE);
}
