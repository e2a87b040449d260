/** One HTTP attempt against the venue, as the API-error kill switch counts it. */
export interface VenueCall {
  readonly endpoint: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly durationMs: number;
  readonly error?: string;
}

export interface VenueCallRecorder {
  record(call: VenueCall): void;
}

/** For callers that do not watch venue health (scripts, one-off tools). */
export const NO_VENUE_CALL_RECORDER: VenueCallRecorder = { record: () => undefined };
