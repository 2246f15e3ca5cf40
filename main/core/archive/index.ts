/** The archive inspector's plain functions: list, verify and safely extract zips of any size. */
export { listArchive } from './list-archive';
export { extractArchive } from './extract-archive';
export { verifyArchive } from './verify-archive';
