package org.stllisting.jobs.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.Template;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.OutputLayout;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;

/**
 * What a running step sees: the job, its settings, where its files go, the results of the steps
 * before it (from the checkpoint, so the same after a resume), and the means to stage output files, report
 * progress and log. One context per job attempt, used by one worker thread at a time; not thread-safe.
 */
public final class StepContext {
    private final JobDto job;
    private final Template template;
    private final JobSettings settings;
    private final Path source;
    private final ModelOutputs outputs;
    private final Path cacheDir;
    private final ProcessingState state;
    private final int renderThreads;
    private final Progress progress;
    private final Consumer<String> log;
    private static final TypeReference<Map<String, Object>> RESULTS = new TypeReference<>() {
    };
    private final Map<String, Object> memo = new LinkedHashMap<>();

    // per step
    private StepKind step;
    private final List<Path[]> staged = new ArrayList<>();
    private Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** Receives a step's own progress, 0–1, with a message. */
    @FunctionalInterface
    public interface Progress {
        void report(StepKind step, double fraction, String message);
    }

    public StepContext(JobDto job, Template template, JobSettings settings, Path source, ModelOutputs outputs,
            Path cacheDir, ProcessingState state, int renderThreads, Progress progress, Consumer<String> log) {
        this.job = job;
        this.template = template;
        this.settings = settings;
        this.source = source;
        this.outputs = outputs;
        this.cacheDir = cacheDir;
        this.state = state;
        this.renderThreads = renderThreads;
        this.progress = progress;
        this.log = log;
    }

    public JobDto job() {
        return job;
    }

    public Template template() {
        return template;
    }

    /** The template's options with the queue's and the job's on top (later wins), checked and typed. */
    public JobSettings settings() {
        return settings;
    }

    public Path source() {
        return source;
    }

    public ModelOutputs outputs() {
        return outputs;
    }

    public OutputLayout layout() {
        return outputs.layout();
    }

    /** {@code cache/job_cache/<job_id>/}: working files that are not output. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The checkpoint: what earlier steps completed and produced. */
    public ProcessingState state() {
        return state;
    }

    /** Threads this job may use for rendering now (the cores shared among the running jobs). */
    public int renderThreads() {
        return renderThreads;
    }

    public StepKind step() {
        return step;
    }

    /**
     * Where to write {@code target}: a hidden partial file beside it, moved over {@code target} when the
     * step completes. {@code target} must come from {@link #outputs()} (it is checked to be inside the
     * output folder). Nothing is at the returned path: write it as a new file.
     */
    public Path stage(Path target) throws IOException {
        Path checked = layout().check(target);
        Path partial = OutputFiles.partial(checked);
        java.nio.file.Files.createDirectories(partial.getParent());
        // the writer creates the file new: a link put at this name is removed, never written through
        OutputFiles.fresh(partial);
        staged.add(new Path[] {partial, checked});
        return partial;
    }

    /** The files staged by the current step: {partial, target} pairs. */
    public List<Path[]> staged() {
        return staged;
    }

    /** Results of the current step, saved in the checkpoint and available to later steps. */
    public Map<String, Object> results() {
        return results;
    }

    /** Sets the current step's results from its typed shape (saved in the checkpoint as its JSON fields). */
    public void result(Record typed) {
        results.putAll(Json.mapper().convertValue(typed, RESULTS));
    }

    /** Results of an earlier step in its typed shape, or null when it did not run. */
    public <T extends Record> T resultOf(StepKind earlier, Class<T> type) {
        ProcessingState.StepRecord r = state.record(earlier);
        return r == null ? null : r.results(type);
    }

    /** Results of an earlier step (empty when it did not run). */
    public Map<String, Object> resultsOf(StepKind earlier) {
        ProcessingState.StepRecord r = state.record(earlier);
        return r == null ? Map.of() : r.results;
    }

    public void warn(String message) {
        warnings.add(message);
        log("warning: " + message);
    }

    public List<String> warnings() {
        return warnings;
    }

    public void progress(double fraction, String message) {
        progress.report(step, Math.max(0, Math.min(1, fraction)), message);
    }

    public void log(String line) {
        log.accept(line);
    }

    /** A value computed once per job attempt and shared by its steps (the mesh, for one). */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Callable<T> compute) throws Exception {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.call();
            memo.put(key, v);
        }
        return (T) v;
    }

    public void forget(String key) {
        memo.remove(key);
    }

    /** Called by the runner before each step. */
    public void begin(StepKind next) {
        this.step = next;
        staged.clear();
        results = new LinkedHashMap<>();
        warnings.clear();
    }
}
