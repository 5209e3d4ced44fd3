// What each kind of job runs. A handler must be safe to run again from the start: a job whose
// worker died is taken over by another instance once its lease runs out.
import "server-only";

export interface JobContext {
  jobId: string;
  /** Keeps the lease; call it at least every few seconds during long work. Throws when the lease is lost. */
  heartbeat(): Promise<void>;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export const JOB_HANDLERS: Record<string, JobHandler> = {};
