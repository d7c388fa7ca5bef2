package io.servicequality.complaint.lifecycle;

import java.time.Instant;

/** One line of a complaint's history: what happened, when (event time), who did it, and any note they gave. */
record HistoryEntry(Instant at, String what, String actor, String note) {}
