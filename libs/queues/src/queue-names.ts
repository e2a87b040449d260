/**
 * Every BullMQ queue of the pipeline. NEVER RENAME a value: queued jobs and Redis keys live under
 * these names, and a rename silently strands work that is already waiting.
 */
export enum QueueName {
  /** Ingestor -> strategy: batches of whole events. */
  SnapshotsForStrategy = 'snapshots-strategy',
  /** Ingestor -> risk: the same batches, for data age, kill switches and exits (fan-out is two queues). */
  SnapshotsForRisk = 'snapshots-risk',
  /** Strategy -> risk: candidate signals with the market they were raised on. */
  Signals = 'signals',
  /** API / CLI -> executor: intents a person approved. Job id derives from the intent id. */
  ApprovedIntents = 'approved-intents',
  /** Payloads that failed validation, with the reason; kept for a person to look at. */
  DeadLetter = 'dead-letter',
}

export const PIPELINE_QUEUES: readonly QueueName[] = [
  QueueName.SnapshotsForStrategy,
  QueueName.SnapshotsForRisk,
  QueueName.Signals,
  QueueName.ApprovedIntents,
];
