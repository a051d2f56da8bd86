package org.stllisting.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded readers: what they accept, what they refuse and how they say it. */
class BoundedJsonTest {
    @TempDir
    Path dir;

    @Test
    void aFileOverItsSizeIsRefusedFromItsSizeWithoutBeingRead() throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{}" + " ".repeat((int) JsonLimits.TEMPLATE.maxBytes()));
        assertThatThrownBy(() -> Json.readAllBytes(f, JsonLimits.TEMPLATE)).isInstanceOf(JsonLimitException.class)
                .hasMessage(f + " is 1.0 MB, more than the 1 MB a template may have; check that it is a template file");
        assertThatThrownBy(() -> Json.readTree(f, JsonLimits.TEMPLATE)).isInstanceOf(JsonLimitException.class);
        assertThat(Json.readAllBytes(dir.resolve("t.json"), JsonLimits.QUEUE_STATE)).hasSize(2 + (1 << 20));
    }

    @Test
    void depthTokensAndObjectsAreLimitedWhileParsing() {
        byte[] deep = ("[".repeat(70) + "]".repeat(70)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Json.readTree(deep, "queue_state.json", JsonLimits.QUEUE_STATE))
                .isInstanceOf(JsonLimitException.class)
                .hasMessageStartingWith("queue_state.json nests deeper than 64 levels");

        StringBuilder many = new StringBuilder("[");
        for (long i = 0; i <= JsonLimits.TEMPLATE.maxTokens(); i++) {
            many.append(i == 0 ? "" : ",").append('1');
        }
        byte[] tokens = many.append(']').toString().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Json.readTree(tokens, "t.json", JsonLimits.TEMPLATE))
                .isInstanceOf(JsonLimitException.class)
                .hasMessage("t.json holds more than 200,000 JSON values, more than a template may have; check that it"
                        + " is a template file");

        long objects = JsonLimits.QUEUE_IMPORT.maxObjects();
        StringBuilder small = new StringBuilder("{\"jobs\":[");
        for (long i = 0; i <= objects; i++) {
            small.append(i == 0 ? "" : ",").append("{}");
        }
        byte[] manyObjects = small.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Json.readValue(manyObjects, "q.json", JsonNode.class, JsonLimits.QUEUE_IMPORT))
                .isInstanceOf(JsonLimitException.class)
                .hasMessageStartingWith(String.format(java.util.Locale.ROOT, "q.json holds more than %,d JSON objects",
                        objects))
                .hasMessageContaining("JAVA_OPTS=-Xmx");
    }

    @Test
    void emptyContentIsMissingOrNullAndBadJsonKeepsJacksonsError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.json"));
        assertThat(Json.readTree(empty, JsonLimits.CONFIG).isMissingNode()).isTrue();
        assertThat(Json.readValue(empty, JsonNode.class, JsonLimits.CONFIG)).isNull();
        assertThatThrownBy(() -> Json.readTree("{ broken".getBytes(StandardCharsets.US_ASCII), "x", JsonLimits.CONFIG))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
                .isNotInstanceOf(JsonLimitException.class);
    }

    @Test
    void aLineIsReadFromItsOffsetWithTheCallersReader() throws Exception {
        byte[] data = "xx{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.US_ASCII);
        ObjectReader reader = Json.mapper().readerFor(JsonNode.class);
        JsonNode second = Json.readValue(reader, data, 10, 7, "journal line 2", JsonLimits.JOURNAL_LINE);
        assertThat(second.path("a").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> Json.readValue(reader, ("\"" + "x".repeat((1 << 20) + 1) + "\"")
                .getBytes(StandardCharsets.US_ASCII), 0, (1 << 20) + 3, "journal line 7", JsonLimits.JOURNAL_LINE))
                .isInstanceOf(JsonLimitException.class)
                .hasMessageStartingWith("journal line 7 holds a text longer than 1,048,576 characters");
    }
}
