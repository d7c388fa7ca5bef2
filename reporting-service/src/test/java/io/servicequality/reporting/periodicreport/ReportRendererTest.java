package io.servicequality.reporting.periodicreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.reporting.periodicreport.PeriodicReport.ActionRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.ActionSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Cause;
import io.servicequality.reporting.periodicreport.PeriodicReport.ChannelRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.Comparison;
import io.servicequality.reporting.periodicreport.PeriodicReport.ComplaintSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Driver;
import io.servicequality.reporting.periodicreport.PeriodicReport.GapRow;
import io.servicequality.reporting.periodicreport.PeriodicReport.Headline;
import io.servicequality.reporting.periodicreport.PeriodicReport.KeyDriverSummary;
import io.servicequality.reporting.periodicreport.PeriodicReport.Measure;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.Scorecard.TargetAttainment;
import io.servicequality.reporting.staff.StaffHighlights;
import io.servicequality.reporting.staff.StaffHighlights.NeedsOf;
import io.servicequality.reporting.staff.StaffHighlights.Ranked;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report reads the same in the PDF as in the HTML it came from, in either language, with its font embedded. */
class ReportRendererTest {

    final ReportRenderer renderer = new ReportRenderer();

    static PeriodicReport sample() {
        ReportPeriod november = ReportPeriod.containing(ReportPeriod.Kind.MONTH, LocalDate.parse("2026-11-01"));
        Measure csat = new Measure(82.5, 240, 77.1, 86.9);
        Measure csatBefore = new Measure(71.0, 200, 64.4, 76.8);
        Measure csatYearBefore = new Measure(80.0, 180, 73.6, 85.1);
        return new PeriodicReport(
                new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneId.of("Asia/Shanghai")),
                "Asia/Shanghai",
                november,
                november.previous(),
                november.yearBefore(),
                Instant.parse("2026-12-01T01:00:00Z"),
                List.of(
                        new Headline(
                                "feedback.csat.percent",
                                csat,
                                csatBefore,
                                csatYearBefore,
                                Comparison.of(csat, csatBefore),
                                Comparison.of(csat, csatYearBefore)),
                        new Headline(
                                "complaints.opened",
                                new Measure(12.0, 12, null, null),
                                new Measure(9.0, 9, null, null),
                                Measure.NONE,
                                Comparison.of(new Measure(12.0, 12, null, null), new Measure(9.0, 9, null, null)),
                                Comparison.of(new Measure(12.0, 12, null, null), Measure.NONE))),
                List.of(
                        new GapRow("reliability", 120, 6.4, 5.1, -1.3, 30.0),
                        new GapRow("empathy", 118, 5.9, 5.6, -0.3, 15.0)),
                new KeyDriverSummary(
                        96,
                        30,
                        0.62,
                        List.of(
                                new Driver("reliability", 0.412, 0.081, 5.09, true),
                                new Driver("empathy", 0.051, 0.07, 0.73, false))),
                List.of(new TargetAttainment("t-1", null, "feedback.csat.percent", "AT_LEAST", 85.0, 82.5, 240, false)),
                new ComplaintSummary(
                        12,
                        10,
                        90.0,
                        80.0,
                        2,
                        4,
                        1,
                        List.of(new Cause("QUALITY", 9, 75.0, 75.0), new Cause("NON_QUALITY", 3, 25.0, 100.0))),
                List.of(new ChannelRow("PHONE", 71.2, 80, 79.0, 400, 93.5, 7)),
                new StaffHighlights(
                        30,
                        14,
                        List.of(new Ranked(1, "agent.lin", 96.8, 62, 89.0, 99.1)),
                        List.of(new Ranked(9, "agent.zhou", 61.3, 31, 43.8, 76.3)),
                        List.of(new Ranked(1, "agent.wu", 88.0, 75, 78.7, 93.6)),
                        List.of(),
                        List.of(new NeedsOf("agent.zhou", List.of("csat", "fcrRate"))),
                        2),
                new ActionSummary(
                        3,
                        1,
                        2,
                        1,
                        2,
                        1,
                        List.of(
                                new ActionRow(
                                        "SH-001",
                                        "Queue ticket screens at the counter",
                                        "manager.sh001",
                                        LocalDate.parse("2026-11-20"),
                                        "DOING",
                                        2,
                                        "INEFFECTIVE",
                                        true),
                                new ActionRow(
                                        "SH-001",
                                        "Two extra staff at peak hours",
                                        "manager.sh001",
                                        LocalDate.parse("2026-11-28"),
                                        "EFFECTIVE",
                                        1,
                                        "EFFECTIVE",
                                        false))));
    }

    @Test
    void aChineseReportsPdfContainsItsChineseTextWithTheFontEmbedded() throws IOException {
        String html = renderer.html(sample(), ReportLanguage.ZH_CN);
        byte[] pdf = renderer.pdf(html);

        assertThat(html).contains("lang=\"zh-CN\"");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            writePagesIfAsked(document, "sample-zh");
            // PDFBox extracts some characters whose glyph the font shares with another as that other one (an
            // ideograph as its radical, an en dash as a figure dash): both sides are compared in NFKC, and the
            // expectations avoid the characters NFKC does not map back (户, –)
            String text = nfkc(new PDFTextStripper().getText(document));
            for (String expected : List.of(
                    "服务质量报告",
                    "网点 SH-001",
                    "月报：2026-11-01 至 2026-11-30",
                    "核心指标",
                    "满意度（满意占比 %）",
                    "82.5",
                    "77.1",
                    "86.9",
                    "+11.5",
                    "显著",
                    "不显著",
                    "无数据",
                    "可靠性",
                    "−1.30",
                    "不低于 85.0",
                    "投诉原因帕累托分析",
                    "满意度关键驱动因素",
                    "0.412",
                    "质量类",
                    "75.0 %",
                    "电话",
                    "满意度最高",
                    "agent.lin",
                    "96.8",
                    "培训需求：2 名员工未达标",
                    "满意度、首次解决率",
                    "纠正措施",
                    "期末未结",
                    "Queue ticket screens at the counter",
                    "逾期",
                    "执行中",
                    "去年同期")) {
                assertThat(text).contains(nfkc(expected));
            }
            assertThat(fontsOf(document)).isNotEmpty().allSatisfy(font -> {
                assertThat(font.getName()).contains("NotoSansSC");
                assertThat(font.isEmbedded()).isTrue();
            });
        }
    }

    @Test
    void anEnglishReportSaysTheSameInEnglish() throws IOException {
        byte[] pdf = renderer.pdf(renderer.html(sample(), ReportLanguage.EN));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            writePagesIfAsked(document, "sample-en");
            // words a narrow column wraps are compared with their line breaks made blanks
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Service quality report")
                    .contains("Branch SH-001")
                    .contains("Month of 2026-11-01 to 2026-11-30")
                    .contains("CSAT (% satisfied)")
                    .contains("82.5")
                    .contains("+11.5")
                    .contains("significant")
                    .contains("not significant")
                    .contains("no data")
                    .contains("Reliability")
                    .contains("at least 85.0")
                    .contains("Key drivers of CSAT")
                    .contains("96 respondents")
                    .contains("the larger a dimension's coefficient")
                    .contains("0.412")
                    .contains("Quality")
                    .contains("Phone")
                    .contains("CSAT, weakest")
                    .contains("agent.zhou")
                    .contains("61.3")
                    .contains("14 members of staff with data")
                    .contains("Training needs: 2 members of staff below standard")
                    .contains("CSAT, first-contact resolution")
                    .contains("Corrective actions")
                    .contains("Two extra staff at peak hours")
                    .contains("2026-11-20 (overdue)")
                    .contains("in progress")
                    .contains("not effective");
            assertThat(text).doesNotContain("服务");
        }
    }

    /** With {@code -Dreport.pages.dir=DIR}, each page as DIR/NAME-N.png (to look at the layout). */
    private static void writePagesIfAsked(PDDocument document, String name) throws IOException {
        String directory = System.getProperty("report.pages.dir");
        if (directory == null) {
            return;
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(directory));
        var pages = new org.apache.pdfbox.rendering.PDFRenderer(document);
        for (int page = 0; page < document.getNumberOfPages(); page++) {
            javax.imageio.ImageIO.write(
                    pages.renderImageWithDPI(page, 110),
                    "png",
                    java.nio.file.Path.of(directory, name + "-" + (page + 1) + ".png")
                            .toFile());
        }
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static List<PDFont> fontsOf(PDDocument document) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }
}
