import { buildWeb } from '../server/web/ensure-web-build.ts';

/** `npm run build`: builds web/ into web/dist now (npm start also does it by itself when the build is stale). */
const started = Date.now();
await buildWeb();
console.log('web/dist built in %s s', ((Date.now() - started) / 1000).toFixed(1));
