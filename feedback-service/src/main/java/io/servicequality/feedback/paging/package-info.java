/**
 * Cursor pagination for the audit lists: a stable order (event time, then event id) and an opaque cursor naming the
 * last item returned, so that pages neither skip nor repeat items while new events arrive.
 */
package io.servicequality.feedback.paging;
