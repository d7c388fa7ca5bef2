package io.servicequality.web.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue as a service gets it from the auto-configuration. */
@SpringBootTest(classes = EventCatalogueEndpointTest.Application.class)
@AutoConfigureMockMvc
class EventCatalogueEndpointTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Autowired
    MockMvc mvc;

    @Test
    void everyServiceServesTheAsyncApiDocumentWithAChannelForEveryTopic() throws Exception {
        String body = mvc.perform(get("/v3/asyncapi"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/json"))
                .andExpect(jsonPath("$.asyncapi").value("3.0.0"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        List<String> addresses = new ArrayList<>();
        for (JsonNode channel : JsonMapper.builder().build().readTree(body).get("channels")) {
            addresses.add(channel.get("address").asString());
        }
        assertThat(addresses).containsAll(Topics.all()).contains("{topic}.dlt");
    }

    @Test
    void headAnswersWithoutABodyAndOtherMethodsAreNotAllowed() throws Exception {
        mvc.perform(head("/v3/asyncapi"))
                .andExpect(status().isOk())
                .andExpect(content().string(""));
        mvc.perform(post("/v3/asyncapi")).andExpect(status().isMethodNotAllowed());
    }
}
