import type { DownloadPlan } from '../../../shared/api/downloads';
import { PendingQuestion } from './pending-question.svelte';

/** A zip download that main's plan splits into parts, as the confirmation describes it. */
export type SplitPlan = DownloadPlan;

/** The app's split confirmation: a download asks with main's plan, and waits for the answer. */
export const splitConfirm = new PendingQuestion<SplitPlan>();
