package io.servicequality.reporting.periodicreport;

import io.servicequality.web.webhook.WebhookHttp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a report by e-mail through the SMTP server of {@code spring.mail.*}: the subject names the report, scope and
 * period in the report's language, the body is the report's HTML (with a plain-text alternative) and the PDF is
 * attached. Without {@code spring.mail.host} there is no mail sender and no e-mail recipient is accepted.
 */
@Component
class ReportMailer {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final ReportDeliveryProperties properties;

    ReportMailer(ObjectProvider<JavaMailSender> mailSender, ReportDeliveryProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    boolean configured() {
        return mailSender.getIfAvailable() != null;
    }

    DeliveryOutcome send(String to, ReportArchive.Archived report, String html, byte[] pdf) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return DeliveryOutcome.failed(null, "no SMTP server configured (spring.mail.host)", Duration.ZERO);
        }
        ReportTexts texts = new ReportTexts(ReportLanguage.of(report.language()));
        long started = System.nanoTime();
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(to);
            helper.setSubject(ReportRenderer.heading(report, texts));
            helper.setText(ReportRenderer.heading(report, texts) + "\n\n" + texts.get("mail.body"), html);
            helper.addAttachment(report.fileName() + ".pdf", new ByteArrayResource(pdf), "application/pdf");
            sender.send(message);
            return DeliveryOutcome.delivered(null, Duration.ofNanos(System.nanoTime() - started));
        } catch (MailException | MessagingException failed) {
            // our own SMTP server's answer (e.g. "550 mailbox unavailable"): the operator's to read
            String reason = failed.getMessage() == null ? WebhookHttp.failureKind(failed) : failed.getMessage();
            return DeliveryOutcome.failed(
                    null,
                    reason.length() > 300 ? reason.substring(0, 300) : reason,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
