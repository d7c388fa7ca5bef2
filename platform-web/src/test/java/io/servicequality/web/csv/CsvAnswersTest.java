package io.servicequality.web.csv;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The converter as a service gets it from the auto-configuration, beside Boot's own converters. */
@SpringBootTest(classes = CsvAnswersTest.Application.class)
@AutoConfigureMockMvc
class CsvAnswersTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ReportController.class)
    static class Application {}

    record Report(String branchId, long n) implements CsvExportable {

        @Override
        public CsvTable csvTable() {
            return new CsvTable(List.of("branchId", "n"), List.of(List.of(branchId, n)));
        }

        @Override
        public String csvFileName() {
            return "report-" + branchId;
        }
    }

    @RestController
    static class ReportController {

        @GetMapping("/report")
        ResponseEntity<Report> report(@RequestParam(defaultValue = "json") String format) {
            Report report = new Report("SH-001", 4);
            return format.equals("csv")
                    ? ResponseEntity.ok()
                            .contentType(CsvHttpMessageConverter.TEXT_CSV)
                            .body(report)
                    : ResponseEntity.ok(report);
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aClientThatAcceptsAnythingGetsJson() throws Exception {
        mvc.perform(get("/report").header(HttpHeaders.ACCEPT, "*/*"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/json"))
                .andExpect(jsonPath("$.branchId").value("SH-001"))
                .andExpect(jsonPath("$.n").value(4))
                .andExpect(jsonPath("$.csvTable").doesNotExist())
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));
    }

    @Test
    void acceptTextCsvGetsTheTableAsAnAttachment() throws Exception {
        mvc.perform(get("/report").header(HttpHeaders.ACCEPT, "text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(
                        header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-SH-001.csv\""))
                .andExpect(content().string("branchId,n\r\nSH-001,4\r\n"));
    }

    @Test
    void aPresetContentTypeGetsCsvWhateverTheClientAccepts() throws Exception {
        mvc.perform(get("/report").param("format", "csv").header(HttpHeaders.ACCEPT, "application/json"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(content().string("branchId,n\r\nSH-001,4\r\n"));
    }
}
