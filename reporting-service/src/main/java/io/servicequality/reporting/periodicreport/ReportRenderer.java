package io.servicequality.reporting.periodicreport;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.servicequality.reporting.scope.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a {@link PeriodicReport} as HTML (Thymeleaf, {@code periodic-report/report.html}, the words of {@code
 * periodic-report/texts_<language>.properties}) and turns that HTML into a PDF (openhtmltopdf on PDFBox) with Noto Sans
 * SC embedded — a subset of the glyphs used, so a Chinese report prints and reads the same everywhere (the font covers
 * Latin too, so both languages use it).
 */
@Component
public class ReportRenderer {

    static final String FONT_FAMILY = "Noto Sans SC";
    private static final String FONT_DIRECTORY = "/fonts/ttf/NotoSansSC/";

    private final TemplateEngine templates = new TemplateEngine();

    public ReportRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("periodic-report/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        templates.setTemplateResolver(resolver);
    }

    /** The report as an XHTML document (well-formed, so the PDF renderer reads it as it is). */
    public String html(PeriodicReport report, ReportLanguage language) {
        ReportTexts texts = new ReportTexts(language);
        Context context = new Context(language.locale());
        context.setVariable("r", report);
        context.setVariable("t", texts);
        context.setVariable("language", language.tag());
        context.setVariable("scopeLabel", scopeLabel(report.scope(), texts));
        context.setVariable(
                "largestGap",
                report.servqual().stream()
                        .mapToDouble(row -> Math.abs(row.gap()))
                        .max()
                        .orElse(0));
        return templates.process("report", context);
    }

    public byte[] pdf(String html) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> font("NotoSansSC-Regular.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> font("NotoSansSC-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException failed) {
            throw new UncheckedIOException("the report could not be written as PDF", failed);
        }
        return pdf.toByteArray();
    }

    private static java.io.InputStream font(String file) {
        java.io.InputStream in = ReportRenderer.class.getResourceAsStream(FONT_DIRECTORY + file);
        if (in == null) {
            throw new IllegalStateException("font " + FONT_DIRECTORY + file + " is not on the class path");
        }
        return in;
    }

    private static String scopeLabel(Scope scope, ReportTexts texts) {
        return scopeLabel(scope.level(), scope.branchId(), scope.regionId(), texts);
    }

    private static String scopeLabel(Scope.Level level, String branchId, String regionId, ReportTexts texts) {
        return switch (level) {
            case BRANCH -> texts.format("scope.BRANCH", branchId);
            case REGION -> texts.format("scope.REGION", regionId);
            case TENANT -> texts.get("scope.TENANT");
        };
    }

    /** "Service quality report · Branch SH-001 · Week of 23 Nov 2026 to 29 Nov 2026": an e-mail's subject. */
    static String heading(ReportArchive.Archived report, ReportTexts texts) {
        return texts.get("title") + " · " + scopeLabel(report.level(), report.branchId(), report.regionId(), texts)
                + " · "
                + texts.format(
                        "period." + report.period().kind().name(),
                        texts.date(report.period().start()),
                        texts.date(report.period().lastDay()));
    }
}
