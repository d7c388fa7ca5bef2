package io.servicequality.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param json limits on request JSON, applied while it is read
 */
@ConfigurationProperties("sqp.web")
public record PlatformWebProperties(@DefaultValue Json json) {

    /**
     * @param maxNestingDepth deeper request JSON is refused with 400 ({@code SQP_WEB_JSON_MAX_NESTING_DEPTH})
     * @param maxStringLength longer JSON strings are refused with 400 ({@code SQP_WEB_JSON_MAX_STRING_LENGTH})
     */
    public record Json(
            @DefaultValue("32") int maxNestingDepth,
            @DefaultValue("100000") int maxStringLength) {}
}
