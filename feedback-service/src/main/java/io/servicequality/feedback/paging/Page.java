package io.servicequality.feedback.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of an audit list.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public <U> Page<U> map(Function<T, U> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
