package io.servicequality.web.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a {@link CsvExportable} body as {@code text/csv} (UTF-8), an attachment named by the body. Write-only: a
 * request body is never read as CSV.
 */
public final class CsvHttpMessageConverter extends AbstractHttpMessageConverter<CsvExportable> {

    /** {@code text/csv;charset=UTF-8}: what a CSV answer is sent as. */
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    public CsvHttpMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CsvExportable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvExportable readInternal(Class<? extends CsvExportable> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is written only", input);
    }

    @Override
    protected void writeInternal(CsvExportable body, HttpOutputMessage output) throws IOException {
        byte[] csv = body.csvTable().render().getBytes(StandardCharsets.UTF_8);
        output.getHeaders()
                .setContentDisposition(ContentDisposition.attachment()
                        .filename(body.csvFileName().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv")
                        .build());
        output.getHeaders().setContentLength(csv.length);
        output.getBody().write(csv);
    }
}
