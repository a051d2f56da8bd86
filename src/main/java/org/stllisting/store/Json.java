package org.stllisting.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one configured {@link ObjectMapper} of the product: snake_case keys (the seed-004 schema), ISO-8601
 * timestamps, pretty printing, and no auto-closing of the target so that callers can {@code force()} a
 * channel after writing. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Builds the mapper and its writer machinery on a background thread, for a command that will print JSON in a
     * moment: on a second core this overlaps with parsing the command line instead of following it.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                MAPPER.writeValueAsString(Map.of("warm", List.of(1.5, 2)));
            } catch (IOException | RuntimeException ignored) {
                // only a head start: the real write reports its own errors
            }
        }, "json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        m.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        return m;
    }
}
