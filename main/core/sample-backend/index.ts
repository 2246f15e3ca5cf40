/** The built-in sample backend: what the app, the tests and `npm run sample-backend` start. */
export { startSampleBackend, DEFAULT_CONTENT_DISPOSITION } from './server';
export type { SampleBackend, SampleBackendOptions, ReceivedRequest } from './server';
export { sampleExportUrls, bulkExportUrl, SAMPLE_EXPORTS } from './sample-catalog';
export type { SampleExport } from './sample-catalog';
export type { Fault, FaultPlan, FaultContext } from './faults';
export { DEMO_ERROR_STUBS, errorStubBody } from './error-stubs';
export type { ErrorStubKind, ErrorStubPlan } from './error-stubs';
