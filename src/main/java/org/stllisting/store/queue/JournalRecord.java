package org.stllisting.store.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimits;

/**
 * One line of a queue journal: {@code <crc32 hex> <json>\n}. Only the fields of its {@code op} are set.
 * Every record has a sequence number one higher than the record before it, over the whole life of a home.
 *
 * <p>Two operations exist for recovery rather than for a change a user made: {@code fold} opens every fresh
 * journal and carries the sequence number of the snapshot it follows (so a reader can tell that the changes
 * before it exist, even when the files holding them are gone), and {@code replace} carries a whole queue
 * (a new session, an import, the result of a recovery), so replay can start from it without any older file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class JournalRecord {
    /**
     * Leaves out fields that are null, but keeps a null held in a map: a job's option set to null (its own
     * "no preset") is a value that replay must find, not an absence that lets the template's apply again.
     */
    private static final ObjectWriter LINE_WRITER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.ALWAYS)).writer()
            .without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader READER = Json.mapper().readerFor(JournalRecord.class);

    static final String FOLD = "fold";
    static final String REPLACE = "replace";

    public long seq;
    public String op;
    public Instant at;
    public List<JobDto> jobs;
    public List<String> ids;
    public Integer to;
    /** {@code put back}: the queue position of each of {@code jobs}, in ascending order. */
    public List<Integer> positions;
    public JobDto job;
    public String id;
    public Double progress;
    public String message;
    public Double eta;
    /** {@code progress}: the step running now (null: unchanged). */
    public String step;
    public QueueSettingsDto queueSettings;
    public String template;
    public Map<String, Object> globalRenderOptions;
    public Map<String, Object> globalValidationOptions;
    public SessionState sessionState;
    /** The whole queue, for {@code replace}. */
    public QueueStateDto state;

    JournalRecord() {
    }

    JournalRecord(String op) {
        this.op = op;
    }

    /** The line as written: checksum, space, JSON, newline. */
    byte[] encode() {
        try {
            byte[] json = LINE_WRITER.writeValueAsBytes(this);
            CRC32 crc = new CRC32();
            crc.update(json);
            String head = String.format("%08x ", crc.getValue());
            byte[] line = new byte[head.length() + json.length + 1];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, line, 0, head.length());
            System.arraycopy(json, 0, line, head.length(), json.length);
            line[line.length - 1] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of {@code data[start, end)} (a line without its newline), or null when it is damaged. */
    static JournalRecord decode(byte[] data, int start, int end) {
        if (end - start < 10 || data[start + 8] != ' ') {
            return null;
        }
        long crcValue;
        try {
            crcValue = Long.parseLong(new String(data, start, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(data, start + 9, end - start - 9);
        if (crc.getValue() != crcValue) {
            return null;
        }
        try {
            JournalRecord r = Json.readValue(READER, data, start + 9, end - start - 9, "a queue journal line",
                    JsonLimits.JOURNAL_LINE);
            return r == null || r.op == null || r.seq <= 0 ? null : r;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
