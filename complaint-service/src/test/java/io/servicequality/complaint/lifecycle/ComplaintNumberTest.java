package io.servicequality.complaint.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ComplaintNumberTest {

    private static final Instant NOV_20 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void readsBranchCodeThenMonthThenSerial() {
        assertThat(ComplaintNumber.following("SH-001", NOV_20, 0)).hasToString("SH-001-202611-1");
    }

    @Test
    void theFirstComplaintOfAMonthGetsSerialOneAndLaterOnesFollowTheHighest() {
        assertThat(ComplaintNumber.following("SH-001", NOV_20, 0).serial()).isEqualTo(1);
        assertThat(ComplaintNumber.following("SH-001", NOV_20, 41).serial()).isEqualTo(42);
    }

    @Test
    void takesTheMonthInUtc() {
        Instant lateOnNovember30InNewYork =
                OffsetDateTime.parse("2026-11-30T21:00:00-05:00").toInstant();

        assertThat(ComplaintNumber.monthOf(lateOnNovember30InNewYork)).isEqualTo("202612");
        assertThat(ComplaintNumber.monthOf(Instant.parse("2026-11-30T23:59:59.999Z")))
                .isEqualTo("202611");
    }

    @Test
    void rejectsSerialsBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ComplaintNumber("SH-001", "202611", 0));
    }
}
