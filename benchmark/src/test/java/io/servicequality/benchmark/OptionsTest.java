package io.servicequality.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void helpPrintsTheUsageAndRunsNothing() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(Options.parse(new String[] {"--rates", "50", "--help"}, Benchmark.USAGE))
                    .isNull();
            assertThat(Options.parse(new String[] {"-h"}, Simulation.USAGE)).isNull();
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("--step-seconds 30")
                .contains("--seed 1");
    }

    @Test
    void takesTheOptionsTheUsageListsAndRefusesOthers() {
        Options options = Options.parse(new String[] {"--rates", "20,50", "--mix", "complaints"}, Benchmark.USAGE);
        assertThat(options.get("rates", "250")).isEqualTo("20,50");
        assertThat(options.get("mix", "full")).isEqualTo("complaints");
        assertThat(options.get("branches", "200")).isEqualTo("200");

        assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "50"}, Benchmark.USAGE))
                .hasMessageStartingWith("unknown option --rate");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rates"}, Benchmark.USAGE))
                .hasMessageStartingWith("option --rates needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"50"}, Simulation.USAGE))
                .hasMessageStartingWith("unknown option 50");
    }
}
