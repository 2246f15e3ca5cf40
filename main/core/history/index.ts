/** The history room's face: the history.* feature, which also records finished downloads. */
export { createHistoryFeature } from './feature';
export type { HistoryFeature } from './feature';
