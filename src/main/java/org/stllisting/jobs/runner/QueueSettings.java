package org.stllisting.jobs.runner;

import java.nio.file.Path;
import org.stllisting.output.NamingOptions;
import org.stllisting.output.OutputMode;
import org.stllisting.output.OutputPlacement;
import org.stllisting.store.queue.NamingOptionsDto;
import org.stllisting.store.queue.QueueSettingsDto;

/**
 * How the queue runs and where it writes (README, Processing a folder; The output folder): the runner's
 * and the window's view of the queue settings, immutable. {@link QueueSettingsDto} is how the store keeps
 * them.
 *
 * @param outputFolder the queue's output folder, or null before one is chosen
 * @param retryBackoffSeconds the first automatic retry's delay; doubled for every further one
 * @param minFreeDiskMb the queue pauses below this much free space on the output folder or the home
 * @param jobTimeoutSeconds a job running longer fails (0: no limit)
 */
public record QueueSettings(int maxConcurrentJobs, boolean autoRetryFailed, int maxRetryAttempts,
        double retryBackoffSeconds, Path outputFolder, OutputMode outputMode, NamingOptions naming,
        long minFreeDiskMb, long jobTimeoutSeconds) {

    public QueueSettings {
        if (maxConcurrentJobs < 1) {
            throw new IllegalArgumentException("at least one job must run at a time (max_concurrent_jobs "
                    + maxConcurrentJobs + ")");
        }
        if (maxRetryAttempts < 0 || retryBackoffSeconds < 0 || minFreeDiskMb < 0 || jobTimeoutSeconds < 0) {
            throw new IllegalArgumentException("retry, disk and timeout settings cannot be negative");
        }
        outputMode = outputMode == null ? OutputMode.PER_MODEL : outputMode;
        naming = naming == null ? NamingOptions.defaults() : naming;
    }

    /** The settings of a new queue. */
    public static QueueSettings defaults() {
        return of(new QueueSettingsDto());
    }

    /** The settings as the store keeps them. */
    public static QueueSettings of(QueueSettingsDto d) {
        return new QueueSettings(Math.max(1, d.maxConcurrentJobs), d.autoRetryFailed, d.maxRetryAttempts,
                d.retryBackoffSeconds, d.outputBaseFolder == null ? null : Path.of(d.outputBaseFolder),
                d.outputMode == null ? OutputMode.PER_MODEL : OutputMode.parse(d.outputMode),
                OutputPlacement.naming(d.naming), d.minFreeDiskMb, d.jobTimeoutSeconds);
    }

    /** The settings in the store's form. */
    public QueueSettingsDto toDto() {
        QueueSettingsDto d = new QueueSettingsDto();
        d.maxConcurrentJobs = maxConcurrentJobs;
        d.autoRetryFailed = autoRetryFailed;
        d.maxRetryAttempts = maxRetryAttempts;
        d.retryBackoffSeconds = retryBackoffSeconds;
        d.outputBaseFolder = outputFolder == null ? null : outputFolder.toString();
        d.outputMode = outputMode.label();
        NamingOptionsDto n = new NamingOptionsDto();
        n.timestampSuffix = naming.timestampSuffix();
        n.qualitySuffix = naming.qualitySuffix();
        n.materialSuffix = naming.materialSuffix();
        n.sizeSuffix = naming.sizeSuffix();
        n.customPrefix = naming.customPrefix();
        d.naming = n;
        d.minFreeDiskMb = minFreeDiskMb;
        d.jobTimeoutSeconds = jobTimeoutSeconds;
        return d;
    }

    public QueueSettings withOutputFolder(Path folder) {
        return new QueueSettings(maxConcurrentJobs, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds,
                folder == null ? null : folder.toAbsolutePath().normalize(), outputMode, naming, minFreeDiskMb,
                jobTimeoutSeconds);
    }

    public QueueSettings withOutputMode(OutputMode mode) {
        return new QueueSettings(maxConcurrentJobs, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds,
                outputFolder, mode, naming, minFreeDiskMb, jobTimeoutSeconds);
    }

    public QueueSettings withNaming(NamingOptions n) {
        return new QueueSettings(maxConcurrentJobs, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds,
                outputFolder, outputMode, n, minFreeDiskMb, jobTimeoutSeconds);
    }

    public QueueSettings withMaxConcurrentJobs(int n) {
        return new QueueSettings(n, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds, outputFolder,
                outputMode, naming, minFreeDiskMb, jobTimeoutSeconds);
    }

    public QueueSettings withRetries(boolean auto, int max, double backoffSeconds) {
        return new QueueSettings(maxConcurrentJobs, auto, max, backoffSeconds, outputFolder, outputMode, naming,
                minFreeDiskMb, jobTimeoutSeconds);
    }

    public QueueSettings withMinFreeDiskMb(long mb) {
        return new QueueSettings(maxConcurrentJobs, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds,
                outputFolder, outputMode, naming, mb, jobTimeoutSeconds);
    }

    public QueueSettings withJobTimeoutSeconds(long seconds) {
        return new QueueSettings(maxConcurrentJobs, autoRetryFailed, maxRetryAttempts, retryBackoffSeconds,
                outputFolder, outputMode, naming, minFreeDiskMb, seconds);
    }
}
