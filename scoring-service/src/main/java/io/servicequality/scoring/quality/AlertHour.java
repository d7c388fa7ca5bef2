package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;

/** One hour's statistics of a branch (or merged over a scope) as last published, with the update's revision. */
record AlertHour(long revision, BucketStatistics statistics) {}
