package io.servicequality.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpOutputMessage;

class CsvHttpMessageConverterTest {

    private final CsvHttpMessageConverter converter = new CsvHttpMessageConverter();

    record Ranking(String scope, List<String> branchIds) implements CsvExportable {

        @Override
        public CsvTable csvTable() {
            return new CsvTable(List.of("rank", "branchId"), List.of(List.of(1, branchIds.get(0))));
        }

        @Override
        public String csvFileName() {
            return "ranking-" + scope;
        }
    }

    private static final Ranking RANKING = new Ranking("region east/1", List.of("SH-001"));

    @Test
    void writesTheTableAsAnAttachmentNamedByTheBodyInUtf8() throws Exception {
        MockHttpOutputMessage output = new MockHttpOutputMessage();

        converter.write(RANKING, null, output);

        assertThat(output.getBodyAsString()).isEqualTo("rank,branchId\r\n1,SH-001\r\n");
        assertThat(output.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("text/csv;charset=UTF-8"));
        assertThat(output.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"ranking-region_east_1.csv\"");
        assertThat(output.getHeaders().getContentLength()).isEqualTo(25);
    }

    @Test
    void writesOnlyCsvExportableBodiesAsTextCsvAndReadsNothing() {
        assertThat(converter.canWrite(Ranking.class, MediaType.parseMediaType("text/csv")))
                .isTrue();
        assertThat(converter.canWrite(Ranking.class, MediaType.APPLICATION_JSON))
                .isFalse();
        assertThat(converter.canWrite(String.class, MediaType.parseMediaType("text/csv")))
                .isFalse();
        assertThat(converter.canRead(Ranking.class, MediaType.parseMediaType("text/csv")))
                .isFalse();
        assertThat(converter.getSupportedMediaTypes(Ranking.class)).containsExactly(CsvHttpMessageConverter.TEXT_CSV);
    }
}
