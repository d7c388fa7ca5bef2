package io.servicequality.localplatform.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsTest {

    @TempDir
    Path dir;

    private String lastLines(String content, int lines) throws Exception {
        Path log = Files.writeString(dir.resolve("x.log"), content);
        long start = Logs.startOfLastLines(log, lines);
        return content.substring((int) start);
    }

    @Test
    void tailPrintsTheLastLinesOfAFileEndingInANewline() throws Exception {
        assertThat(lastLines("one\ntwo\nthree\n", 2)).isEqualTo("two\nthree\n");
    }

    @Test
    void tailCountsAnUnfinishedLastLine() throws Exception {
        assertThat(lastLines("one\ntwo\nthree", 1)).isEqualTo("three");
    }

    @Test
    void tailOfMoreLinesThanTheFileHasIsTheWholeFile() throws Exception {
        assertThat(lastLines("one\ntwo\n", 10)).isEqualTo("one\ntwo\n");
        assertThat(lastLines("", 3)).isEmpty();
    }

    @Test
    void tailFindsLinesAcrossTheReadBuffer() throws Exception {
        String line = "x".repeat(5000) + "\n";
        assertThat(lastLines(line.repeat(5), 3)).isEqualTo(line.repeat(3));
    }

    @Test
    void tailOfNoLinesPrintsNothing() throws Exception {
        assertThat(lastLines("one\ntwo\n", 0)).isEmpty();
    }
}
