package org.stllisting.store.queue;

/** The queue's runner settings ({@code queue_settings} of the original schema plus the runner's and the output naming's own). */
public final class QueueSettingsDto {
    public int maxConcurrentJobs = 2;
    public boolean autoRetryFailed = true;
    public int maxRetryAttempts = 3;
    /** First retry delay; doubled for every further attempt. */
    public double retryBackoffSeconds = 30;
    public String outputBaseFolder;
    /** {@code per-model}, {@code flat} or {@code grouped}. */
    public String outputMode = "per-model";
    public NamingOptionsDto naming = new NamingOptionsDto();
    /** The runner pauses the queue below this much free disk space. */
    public long minFreeDiskMb = 500;
    /** A job running longer than this fails (0 = no limit). */
    public long jobTimeoutSeconds = 1800;
}
