package io.servicequality.web.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

class ProblemDetailsAdviceTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ExampleController())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    enum Channel {
        PHONE,
        CHAT
    }

    record Order(@NotBlank String branchId, @Positive Integer quantity, Channel channel, Instant at) {}

    @RestController
    static class ExampleController {

        @PostMapping("/orders")
        String create(@Valid @RequestBody Order order) {
            return "ok";
        }

        @GetMapping("/orders")
        String list(@RequestParam Instant from) {
            return "ok";
        }

        @GetMapping("/orders/{id}")
        String get(@PathVariable UUID id) {
            throw Problems.notFound("No order " + id);
        }

        @GetMapping("/busy")
        String busy() {
            throw Problems.rateLimited("The quota is used up; nothing was done.", Duration.ofMillis(1500));
        }

        @GetMapping("/store-down")
        String storeDown() {
            throw new DataAccessResourceFailureException("Timed out waiting for mongo:27017");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("secret internals at db-7");
        }

        @PostMapping("/upload")
        String upload(@RequestBody Order order) {
            return "ok";
        }
    }

    @Test
    void namesEveryInvalidFieldSortedWithAReadableDetail() throws Exception {
        mvc.perform(post("/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \" \", \"quantity\": -1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[1].field").value("quantity"))
                .andExpect(jsonPath("$.detail", containsString("branchId must not be blank")));
    }

    @Test
    void aBodyValueOfTheWrongTypeFailsValidationNamingTheFieldAndWhatItMustBe() throws Exception {
        mvc.perform(post("/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"B1\", \"channel\": \"FAX\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("channel"))
                .andExpect(jsonPath("$.errors[0].message").value("must be one of PHONE, CHAT"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"branchId\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "malformed-request"))
                .andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON."));
    }

    @Test
    void queryAndPathParametersThatCannotBeConvertedAreNamedWithTheirExpectedForm() throws Exception {
        mvc.perform(get("/orders").param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[0].message", containsString("ISO-8601")));
        mvc.perform(get("/orders/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
        mvc.perform(get("/orders"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
    }

    @Test
    void aFeaturesOwnProblemAnswersAsItIsWithRetryAfterInWholeSeconds() throws Exception {
        mvc.perform(get("/orders/" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "not-found"))
                .andExpect(jsonPath("$.detail", containsString("No order")));
        mvc.perform(get("/busy"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "rate-limited"));
    }

    @Test
    void aStoreThatDoesNotAnswerIs503WithRetryAfterAndNoInternals() throws Exception {
        mvc.perform(get("/store-down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "dependency-unavailable"))
                .andExpect(jsonPath("$.detail", not(containsString("mongo:27017"))));
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() throws Exception {
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "internal-error"))
                .andExpect(content().string(not(containsString("db-7"))));
    }

    @Test
    void problemsSpringBuildsItselfGetAStableType() throws Exception {
        mvc.perform(post("/orders/" + UUID.randomUUID()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "method-not-allowed"));
        mvc.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "unsupported-media-type"));
    }

    @Test
    void aProblemRaisedWhileTheBodyIsReadAnswersAsItself() throws Exception {
        MockMvc limited = MockMvcBuilders.standaloneSetup(new ExampleController())
                .setControllerAdvice(new ProblemDetailsAdvice())
                .addFilter((request, response, chain) -> chain.doFilter(
                        new jakarta.servlet.http.HttpServletRequestWrapper(
                                (jakarta.servlet.http.HttpServletRequest) request) {
                            @Override
                            public jakarta.servlet.ServletInputStream getInputStream() {
                                return new OverLimit();
                            }
                        },
                        response))
                .build();

        limited.perform(post("/upload").contentType(MediaType.APPLICATION_JSON).content("{\"branchId\": \"B1\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value(ProblemTypes.BASE + "payload-too-large"));
    }

    /** A body stream that refuses to be read, as a size-limiting request wrapper does past its limit. */
    private static final class OverLimit extends jakarta.servlet.ServletInputStream {
        @Override
        public int read() throws IOException {
            throw Problems.payloadTooLarge("The request body exceeds the limit of 10 bytes.");
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {}

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read();
        }
    }
}
