/** `npm run sample-backend`: runs the built-in sample backend in a terminal until Ctrl-C. */
import { parseArgs } from 'node:util';
import { DEMO_ERROR_STUBS } from './error-stubs';
import { bulkExportUrl, sampleExportUrls } from './sample-catalog';
import { startSampleBackend } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    chunked: { type: 'boolean', default: false },
    'max-batch': { type: 'string' },
    'error-stubs': { type: 'boolean', default: false },
  },
});

const backend = await startSampleBackend({
  port: Number(values.port),
  apiKey: values.key ?? process.env.SAMPLE_BACKEND_API_KEY ?? null,
  chunked: values.chunked,
  maxBatchSize: values['max-batch'] ? Number(values['max-batch']) : null,
  errorStubs: values['error-stubs'] ? DEMO_ERROR_STUBS : {},
});
const urls = sampleExportUrls(backend.url);
console.log(`Sample backend listening. Base URL: ${backend.url}`);
console.log(backend.apiKey ? `API key required: ${backend.apiKey}` : 'No API key required (pass --key KEY to require one).');
if (values['max-batch']) console.log(`Batches of more than ${values['max-batch']} items are refused with 413.`);
if (values['error-stubs']) console.log(`Zips hold error pages in place of: ${Object.keys(DEMO_ERROR_STUBS).join(', ')} (Inspect flags them).`);
console.log(`${urls.length} sample exports, for example:`);
for (const url of urls.slice(0, 4)) console.log(`  ${url}`);
console.log(`Size knob (N MiB in one zip entry): ${bulkExportUrl(backend.url, 256)}`);
console.log('Try:');
console.log(`  curl -OJ -X POST -H 'content-type: application/json' ${backend.apiKey ? `-H 'x-api-key: ${backend.apiKey}' ` : ''}` +
  `-d '{"items":[{"sourceFileUrl":"${urls[0]}"}]}' ${backend.url}/viewer/exports/download-batch`);
console.log('Press Ctrl-C to stop.');

const stop = () => void backend.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
