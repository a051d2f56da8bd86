package org.stllisting.store.queue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;
import org.apache.commons.io.file.PathUtils;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * Loading the queue takes anything on disk: whatever bytes {@code queue_state.json} and
 * {@code queue_state.journal} hold, {@link QueueStateStore#read} returns a usable state (never throws, never
 * runs out of memory) and says what it found. In a plain test run this replays the inputs in
 * {@code QueueStateFuzzTestInputs/}; to fuzz one method, run
 * {@code JAZZER_FUZZ=1 mvn test -Djazzer.hooks=true -Dtest='QueueStateFuzzTest#journalReplay'}.
 */
class QueueStateFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] OPS = {"add", "remove", "move", "reorder", "job", "progress", "settings", "options",
        "session", "fold", ""};
    private static final String[] IDS = {"job_a", "job_b", "job_c", ""};
    private static final String[] FIELDS = {"seq", "op", "at", "jobs", "ids", "to", "job", "id", "progress",
        "message", "eta", "queue_settings", "template", "global_render_options", "global_validation_options",
        "session_state", "state", "stl_path", "output_folder", "results", "files_generated", "render_options",
        "version", "journal_seq", "queue_session_id", "created_at", "attempts", "details"};

    /** Any bytes as the snapshot, alone or with a journal after an empty line's worth of separation. */
    @FuzzTest(maxDuration = "150s")
    void anySnapshot(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("queue-fuzz");
        try {
            Home home = Home.at(dir);
            int split = indexOf(data, "\n\u0000journal\n".getBytes(StandardCharsets.US_ASCII));
            if (split < 0) {
                Files.write(home.queueStateFile(), data);
            } else {
                Files.write(home.queueStateFile(), java.util.Arrays.copyOf(data, split));
                Files.write(home.queueJournalFile(), java.util.Arrays.copyOfRange(data, split + 10, data.length));
            }
            check(QueueStateStore.read(home));
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    /**
     * A valid snapshot followed by a journal of records with correct checksums (so that the reader gets past the
     * line check to the changes themselves), mixed with damaged lines; some records are written as a first
     * session's journal with no snapshot at all.
     */
    @FuzzTest(maxDuration = "150s")
    void journalReplay(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("queue-fuzz");
        try {
            Home home = Home.at(dir);
            long base = data.consumeInt(0, 3);
            if (data.consumeBoolean()) {
                ObjectNode snapshot = (ObjectNode) Json.mapper().valueToTree(QueueStateDto.empty());
                ArrayNode jobs = snapshot.putArray("jobs");
                int n = data.consumeInt(0, 2);
                for (int i = 0; i < n; i++) {
                    jobs.add(job(IDS[i], data));
                }
                snapshot.put("journal_seq", base);
                Files.write(home.queueStateFile(), Json.mapper().writeValueAsBytes(snapshot));
            } else {
                base = 0;
            }
            ByteArrayOutputStream journal = new ByteArrayOutputStream();
            long seq = base;
            int records = data.consumeInt(0, 12);
            for (int i = 0; i < records && data.remainingBytes() > 0; i++) {
                switch (data.consumeInt(0, 9)) {
                    case 0 -> journal.write(data.consumeBytes(60)); // a damaged or torn line
                    case 1 -> journal.write(line(data.consumeBytes(80))); // checksummed bytes that are not a record
                    default -> {
                        ObjectNode r = record(data);
                        r.put("seq", data.consumeInt(0, 7) == 0 ? data.consumeLong() : ++seq);
                        journal.write(line(Json.mapper().writeValueAsBytes(r)));
                    }
                }
                if (data.consumeInt(0, 5) == 0) {
                    journal.write('\n');
                }
            }
            Files.write(home.queueJournalFile(), journal.toByteArray());
            check(QueueStateStore.read(home));
        } finally {
            PathUtils.deleteDirectory(dir);
        }
    }

    private static void check(LoadResult r) {
        if (r == null || r.state() == null || r.state().jobs == null || r.message() == null || r.problems() == null) {
            throw new AssertionError("load returned no usable state: " + r);
        }
        for (JobDto j : r.state().jobs) {
            if (j == null) {
                throw new AssertionError("load returned a null job: " + r.message());
            }
        }
        if (r.state().queueSettings == null || r.state().globalRenderOptions == null
                || r.state().globalValidationOptions == null || r.state().sessionState == null) {
            throw new AssertionError("load returned a state with missing parts: " + r.message());
        }
    }

    private static byte[] line(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        byte[] head = String.format(Locale.ROOT, "%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + payload.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        out[out.length - 1] = '\n';
        return out;
    }

    private static ObjectNode record(FuzzedDataProvider data) {
        ObjectNode r = NODES.objectNode();
        r.put("op", data.pickValue(OPS));
        r.put("at", data.consumeBoolean() ? "2026-01-01T00:00:00Z" : data.consumeString(8));
        int fields = data.consumeInt(0, 4);
        for (int i = 0; i < fields; i++) {
            String f = data.pickValue(FIELDS);
            switch (f) {
                case "jobs" -> {
                    ArrayNode jobs = r.putArray("jobs");
                    int n = data.consumeInt(0, 3);
                    for (int k = 0; k < n; k++) {
                        jobs.add(data.consumeInt(0, 4) == 0 ? value(data) : job(data.pickValue(IDS), data));
                    }
                }
                case "job" -> r.set("job", data.consumeInt(0, 4) == 0 ? value(data) : job(data.pickValue(IDS), data));
                case "ids" -> {
                    ArrayNode ids = r.putArray("ids");
                    int n = data.consumeInt(0, 3);
                    for (int k = 0; k < n; k++) {
                        ids.add(data.consumeInt(0, 5) == 0 ? value(data) : NODES.textNode(data.pickValue(IDS)));
                    }
                }
                case "id" -> r.put("id", data.pickValue(IDS));
                case "session_state" -> r.put("session_state", data.pickValue(new String[] {"running", "paused",
                    "stopped", "finished", "", "RUNNING", " paused "}));
                default -> r.set(f, value(data));
            }
        }
        return r;
    }

    private static ObjectNode job(String id, FuzzedDataProvider data) {
        ObjectNode j = (ObjectNode) Json.mapper().valueToTree(JobDto.pending(id, "/models/" + id + ".stl"));
        int changes = data.consumeInt(0, 3);
        for (int i = 0; i < changes; i++) {
            String f = data.pickValue(FIELDS);
            if (f.equals("state")) {
                j.put("state", data.pickValue(new String[] {"pending", "running", "completed", "failed",
                    "cancelled", "skipped", "paused", "bogus"}));
            } else {
                j.set(f, value(data));
            }
        }
        return j;
    }

    private static JsonNode value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeInt());
            case 3 -> NODES.numberNode(data.consumeDouble());
            case 4 -> NODES.textNode(data.pickValue(IDS));
            case 5 -> NODES.arrayNode().add(data.consumeString(8));
            case 6 -> NODES.objectNode().put(data.pickValue(FIELDS), data.consumeString(8));
            case 7 -> NODES.numberNode(data.consumeLong());
            default -> NODES.textNode(data.consumeString(24));
        };
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
