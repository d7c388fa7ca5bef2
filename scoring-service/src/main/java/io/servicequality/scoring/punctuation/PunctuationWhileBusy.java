package io.servicequality.scoring.punctuation;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuation that is scheduled only while its processor has work for it.
 *
 * <p>Kafka Streams marks a task as needing a commit after every punctuation, whether or not it forwarded anything,
 * and under {@code exactly_once_v2} each such commit is a transaction: the task's offsets added to it, its end, and
 * the commit markers the broker writes. A punctuator scheduled once for the life of a task kept an idle stack
 * committing a transaction at every tick (five a second at a 200-ms interval) with nothing in it. This one is scheduled
 * when the processor marks work ({@link #workMarked()}) and cancels itself once its ticks have found none for {@link
 * #QUIET_BEFORE_STOPPING}, so an idle task is not punctuated and not committed. Sparse work (a change every few seconds)
 * keeps it running and is handled at the next tick, as before; the first change after a longer quiet spell is handled
 * one interval after it is marked (a tick that ran for ever came after half an interval on average).
 */
public final class PunctuationWhileBusy {

    /** How long ticks find no work before the punctuation stops. */
    static final Duration QUIET_BEFORE_STOPPING = Duration.ofSeconds(5);

    private final Duration interval;
    private final BooleanSupplier hasWork;
    private final Punctuator work;

    private ProcessorContext<?, ?> context;
    private Cancellable scheduled;
    private long quietMillis;

    /**
     * @param hasWork whether a tick has anything to do now
     * @param work what a tick does while there is work
     */
    public PunctuationWhileBusy(Duration interval, BooleanSupplier hasWork, Punctuator work) {
        this.interval = interval;
        this.hasWork = hasWork;
        this.work = work;
    }

    /** Call from the processor's {@code init}, after its marks are restored: a task that has work resumes it. */
    public void init(ProcessorContext<?, ?> context) {
        this.context = context;
        this.scheduled = null;
        if (hasWork.getAsBoolean()) {
            workMarked();
        }
    }

    /** Call once the processor has marked work: a tick comes within the interval. */
    public void workMarked() {
        quietMillis = 0;
        if (scheduled == null) {
            scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::tick);
        }
    }

    private void tick(long now) {
        if (hasWork.getAsBoolean()) {
            quietMillis = 0;
            work.punctuate(now);
            return;
        }
        quietMillis += interval.toMillis();
        if (quietMillis >= QUIET_BEFORE_STOPPING.toMillis()) {
            scheduled.cancel();
            scheduled = null;
        }
    }
}
