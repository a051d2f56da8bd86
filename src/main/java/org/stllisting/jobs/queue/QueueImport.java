package org.stllisting.jobs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stllisting.jobs.template.TemplateCodec;
import org.stllisting.output.OutputRules;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimitException;
import org.stllisting.store.JsonLimits;
import org.stllisting.store.SafeNames;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobResultsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateMigration;

/**
 * A queue file from another machine or another person ({@code queue export}), checked before anything of
 * it is queued. Everything is refused or nothing: a file that is not a queue, a job without an id or source,
 * a job whose output folder lies outside the file's own output folder, a prefix or option a run would refuse.
 * Where the output goes is never taken from the file: {@link #rebase} moves it into the folder the importing
 * user chose. Stateless.
 */
public final class QueueImport {
    /** How many problems one refusal names. */
    private static final int SHOWN = 3;

    private QueueImport() {
    }

    /** A queue file that cannot be imported; the message names the file and every reason (one line). */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** Parses and checks a queue file's content; {@code source} names it in messages. */
    public static QueueStateDto parse(byte[] json, String source) throws RefusedException {
        JsonNode tree;
        try {
            tree = Json.readTree(json, source, JsonLimits.QUEUE_IMPORT);
        } catch (JsonLimitException e) {
            throw new RefusedException(e.getMessage());
        } catch (IOException e) {
            throw new RefusedException(source + ": not a readable queue file (" + firstLine(e.getMessage()) + ")");
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new RefusedException(source + ": not a queue file (expected a JSON object with a \"jobs\" list, "
                    + "as 'stl-listing queue export' writes)");
        }
        if (!root.path("jobs").isArray()) {
            boolean template = root.has("display_name") || root.has("steps") || root.has("output_options");
            throw new RefusedException(source + ": not a queue file: it has no \"jobs\" list"
                    + (template ? " (it looks like a template: 'stl-listing templates import' reads those)"
                            : " (a queue file is what 'stl-listing queue export' writes)"));
        }
        if (root.path("jobs").isEmpty()) {
            throw new RefusedException(source + ": the queue file holds no jobs; nothing was imported");
        }
        String version = root.path("version").asText(null);
        if (version != null && !QueueStateMigration.isKnown(version)) {
            throw new RefusedException(source + ": queue file version \"" + version + "\" is not one this program "
                    + "reads (1.0, " + QueueStateDto.CURRENT_VERSION + ")");
        }
        QueueStateMigration.migrate(root);
        QueueStateDto q;
        try {
            q = Json.treeToValue(root, QueueStateDto.class, source, JsonLimits.QUEUE_IMPORT);
        } catch (JsonLimitException e) {
            throw new RefusedException(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new RefusedException(source + ": not a readable queue file (" + firstLine(e.getMessage()) + ")");
        }
        normalize(q);
        List<String> problems = problems(q);
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
            throw new RefusedException(source + ": refused, nothing was imported: " + shown
                    + (problems.size() > SHOWN ? " (and " + (problems.size() - SHOWN) + " more)" : ""));
        }
        return q;
    }

    /** An explicit {@code null} in the file stands for an empty value, as the queue's own files never hold one. */
    private static void normalize(QueueStateDto q) {
        QueueStateDto d = new QueueStateDto();
        if (q.queueSettings == null) {
            q.queueSettings = d.queueSettings;
        }
        if (q.globalRenderOptions == null) {
            q.globalRenderOptions = d.globalRenderOptions;
        }
        if (q.globalValidationOptions == null) {
            q.globalValidationOptions = d.globalValidationOptions;
        }
        for (JobDto j : q.jobs) {
            if (j == null) {
                continue;
            }
            JobDto e = new JobDto();
            j.renderOptions = j.renderOptions == null ? e.renderOptions : j.renderOptions;
            j.validationOptions = j.validationOptions == null ? e.validationOptions : j.validationOptions;
            JobResultsDto r = j.results == null ? e.results : j.results;
            r.filesGenerated = r.filesGenerated == null ? e.results.filesGenerated : r.filesGenerated;
            r.errors = r.errors == null ? e.results.errors : r.errors;
            r.warnings = r.warnings == null ? e.results.warnings : r.warnings;
            r.details = r.details == null ? e.results.details : r.details;
            j.results = r;
        }
    }

    /** Everything in {@code q} that a run would refuse or that would lead outside its output folder. */
    static List<String> problems(QueueStateDto q) {
        List<String> p = new ArrayList<>();
        Path base = null;
        if (q.queueSettings != null) {
            p.addAll(OutputRules.problems("queue_settings", q.queueSettings.outputMode,
                    q.queueSettings.naming == null ? null : q.queueSettings.naming.customPrefix, null));
            try {
                base = q.queueSettings.outputBaseFolder == null ? null : Path.of(q.queueSettings.outputBaseFolder);
            } catch (InvalidPathException e) {
                p.add("queue_settings.output_base_folder is not a path (" + e.getReason() + ")");
            }
        }
        p.addAll(TemplateCodec.optionProblems("global_", q.globalRenderOptions, q.globalValidationOptions));
        if (q.template != null && !SafeNames.isPlainName(q.template)) {
            p.add("template \"" + q.template + "\" is not a template name");
        }
        for (int i = 0; i < q.jobs.size(); i++) {
            JobDto j = q.jobs.get(i);
            if (j == null) {
                p.add("job " + (i + 1) + " is empty");
                continue;
            }
            String name = "job " + (j.id != null ? j.id : i + 1);
            if (j.id == null || !SafeNames.isPlainName(j.id) || j.id.length() > 64) {
                p.add(name + ": the id must be a plain name of at most 64 characters");
            }
            if (j.stlPath == null || j.stlPath.isBlank()) {
                p.add(name + ": it names no source file (stl_path)");
            } else {
                try {
                    name += " (" + Path.of(j.stlPath).getFileName() + ")";
                } catch (InvalidPathException e) {
                    p.add(name + ": stl_path is not a path (" + e.getReason() + ")");
                }
            }
            if (j.template != null && !SafeNames.isPlainName(j.template)) {
                p.add(name + ": template \"" + j.template + "\" is not a template name");
            }
            if (j.outputFolder != null && base != null) {
                try {
                    if (!OutputRules.isWithin(base, Path.of(j.outputFolder))) {
                        p.add(name + ": its output folder " + j.outputFolder + " is outside the queue's output folder "
                                + base);
                    }
                } catch (InvalidPathException e) {
                    p.add(name + ": output_folder is not a path (" + e.getReason() + ")");
                }
            }
            for (String o : TemplateCodec.optionProblems("", j.renderOptions, j.validationOptions)) {
                p.add(name + ": " + o);
            }
        }
        return p;
    }

    /**
     * The imported queue with its output moved into {@code chosen}, the folder the importing user chose: the
     * file's output folder and each job's output folder and file list are dropped (the queue chooses them
     * again under {@code chosen} when the jobs are added). Jobs that finished elsewhere keep their file list
     * as a record of that run. {@code q} is not changed.
     */
    public static QueueStateDto rebase(QueueStateDto q, Path chosen) {
        QueueStateDto r = q.copy();
        r.queueSettings.outputBaseFolder = chosen.toAbsolutePath().normalize().toString();
        for (JobDto j : r.jobs) {
            j.outputFolder = null;
            if (j.state == null || !j.state.isFinal()) {
                j.results.filesGenerated.clear();
            }
        }
        return r;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
