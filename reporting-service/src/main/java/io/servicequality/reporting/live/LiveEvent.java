package io.servicequality.reporting.live;

/**
 * One event of the stream.
 *
 * @param id {@code <boot>-<sequence>}: the sequence orders events of one server run; the boot part tells a resuming
 *     client whether its id is from this run
 * @param name the SSE event name: {@code metric} or {@code alert}
 * @param branchId for filtering
 */
record LiveEvent(String id, long sequence, String name, String branchId, Object data) {}
