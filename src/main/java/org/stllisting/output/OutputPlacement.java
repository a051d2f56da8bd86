package org.stllisting.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimits;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.NamingOptionsDto;
import org.stllisting.store.queue.QueueSettingsDto;

/**
 * Where a queue's models go (README, The output folder): the layout of a queue's settings, and a model name
 * for each new job that no other job of the queue uses and no earlier run's results for a different source
 * hold.
 */
public final class OutputPlacement {
    private OutputPlacement() {
    }

    /**
     * The output layout of a queue's settings, under a template's optional {@code subfolder}. Refuses (as
     * every run does) a missing folder, an unknown mode or an unsafe prefix or subfolder.
     */
    public static OutputLayout layout(QueueSettingsDto s, String subfolder) throws IOException {
        if (s.outputBaseFolder == null) {
            throw new IOException("no output folder is set for this queue");
        }
        OutputLayout top = new OutputLayout(Path.of(s.outputBaseFolder), OutputMode.parse(s.outputMode),
                naming(s.naming));
        return subfolder == null ? top : top.under(subfolder);
    }

    public static NamingOptions naming(NamingOptionsDto n) {
        if (n == null) {
            return NamingOptions.defaults();
        }
        return new NamingOptions(n.timestampSuffix, n.qualitySuffix, n.materialSuffix, n.sizeSuffix, n.customPrefix);
    }

    /**
     * A model name for {@code source} in {@code layout}: not in {@code taken} (lowercased names in use: the
     * output folder may be on a case-insensitive file system), and not a folder already holding results of a
     * different source. The chosen name is added to {@code taken}.
     */
    public static String chooseName(OutputLayout layout, String source, Set<String> taken) {
        String fileName = Path.of(source).getFileName().toString();
        while (true) {
            String name = ModelNames.unique(fileName, taken::contains);
            taken.add(name.toLowerCase(Locale.ROOT));
            if (!belongsToAnother(layout, name, source)) {
                return name;
            }
        }
    }

    /** The folder of a model's outputs (for a job created at {@code created}). */
    public static Path folder(OutputLayout layout, String name, Instant created) throws IOException {
        return layout.model(name, created).folder();
    }

    /**
     * The output folder to report for a job (in {@code queue_summary.json} and {@code run --json}): its folder,
     * or null when the job ended without making one (a model that failed on load has only its
     * {@code failed/} entry). A job still to run reports the folder it will write to, a completed job the
     * folder it wrote (not looked at: a summary of a large queue stays cheap).
     */
    public static String reportedFolder(String folder, JobState state) {
        boolean endedWithout = state.isFinal() && state != JobState.COMPLETED;
        return folder == null || endedWithout && !Files.isDirectory(Path.of(folder)) ? null : folder;
    }

    /** True when the output folder already holds results of this model name for a different source file. */
    static boolean belongsToAnother(OutputLayout layout, String name, String source) {
        try {
            Path info = layout.model(name, null).fileInfo();
            if (!Files.isRegularFile(info)) {
                return false;
            }
            JsonNode n = Json.readTree(info, JsonLimits.FILE_INFO);
            String original = n.path("original_path").asText(null);
            return original != null && !original.equals(source);
        } catch (IOException e) {
            return false;
        }
    }
}
