package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.reporting.bucket.TimeRanges.Level;
import io.servicequality.reporting.bucket.TimeRanges.Piece;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeRangesTest {

    @Test
    void aYearFromMidDayReadsHoursThenDaysThenMonthsThenDaysThenHours() {
        List<Piece> pieces =
                TimeRanges.piecesOf(Instant.parse("2025-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"));

        assertThat(pieces)
                .containsExactly(
                        new Piece(
                                Level.HOUR,
                                Instant.parse("2025-11-20T09:00:00Z"),
                                Instant.parse("2025-11-21T00:00:00Z")),
                        new Piece(
                                Level.UTC_DAY,
                                Instant.parse("2025-11-21T00:00:00Z"),
                                Instant.parse("2025-12-01T00:00:00Z")),
                        new Piece(
                                Level.UTC_MONTH,
                                Instant.parse("2025-12-01T00:00:00Z"),
                                Instant.parse("2026-11-01T00:00:00Z")),
                        new Piece(
                                Level.UTC_DAY,
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-11-20T00:00:00Z")),
                        new Piece(
                                Level.HOUR,
                                Instant.parse("2026-11-20T00:00:00Z"),
                                Instant.parse("2026-11-20T09:00:00Z")));
    }

    @Test
    void piecesCoverTheHourBucketsOfAnyRangeExactlyOnce() {
        Instant start = Instant.parse("2026-01-30T17:00:00Z");
        for (int fromHours = 0; fromHours < 24 * 40; fromHours += 7) {
            for (int lengthHours = 1; lengthHours < 24 * 70; lengthHours += 13) {
                Instant from = start.plus(Duration.ofHours(fromHours)).plusSeconds(fromHours % 2 == 0 ? 0 : 1800);
                Instant to = from.plus(Duration.ofHours(lengthHours));
                List<Piece> pieces = TimeRanges.piecesOf(from, to);
                // contiguous, from the first hour starting at or after `from` to the first at or after `to`
                assertThat(pieces.get(0).from()).isEqualTo(TimeRanges.ceil(from, java.time.temporal.ChronoUnit.HOURS));
                assertThat(pieces.get(pieces.size() - 1).to())
                        .isEqualTo(TimeRanges.ceil(to, java.time.temporal.ChronoUnit.HOURS));
                for (int i = 1; i < pieces.size(); i++) {
                    assertThat(pieces.get(i).from()).isEqualTo(pieces.get(i - 1).to());
                }
                for (Piece piece : pieces) {
                    assertThat(piece.from()).isBefore(piece.to());
                    if (piece.level() != Level.HOUR) {
                        assertThat(piece.from()).isEqualTo(TimeRanges.dayOf(piece.from()));
                        assertThat(piece.to()).isEqualTo(TimeRanges.dayOf(piece.to()));
                    }
                    if (piece.level() == Level.UTC_MONTH) {
                        assertThat(piece.from()).isEqualTo(TimeRanges.floorMonth(piece.from()));
                        assertThat(piece.to()).isEqualTo(TimeRanges.floorMonth(piece.to()));
                    }
                }
            }
        }
    }

    @Test
    void aRangeWithinOneHourHoldsNoBucketStart() {
        assertThat(TimeRanges.piecesOf(Instant.parse("2026-11-20T09:10:00Z"), Instant.parse("2026-11-20T09:50:00Z")))
                .isEmpty();
    }
}
