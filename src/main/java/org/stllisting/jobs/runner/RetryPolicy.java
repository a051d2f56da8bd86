package org.stllisting.jobs.runner;

import java.time.Instant;
import org.stllisting.store.queue.QueueSettingsDto;

/**
 * Whether a failed attempt is tried again and when: failures that may heal (not a denied permission, not a
 * missing file) are retried up to {@code max_retry_attempts} times, the first after
 * {@code retry_backoff_seconds}, each further one after twice the delay before it.
 */
record RetryPolicy(boolean enabled, int maxRetries, double backoffSeconds) {

    static RetryPolicy of(QueueSettingsDto s) {
        return new RetryPolicy(s.autoRetryFailed, s.maxRetryAttempts, s.retryBackoffSeconds);
    }

    /** A retry planned {@code delaySeconds} after {@code failedAt}. */
    record Plan(Instant failedAt, double delaySeconds, Instant at) {
    }

    /** The retry of a job that failed on its {@code attempts}-th attempt, or null when it is not retried. */
    Plan after(int attempts, boolean permanent) {
        if (permanent || !enabled || attempts > maxRetries) {
            return null;
        }
        double delay = backoffSeconds * Math.pow(2, Math.max(0, attempts - 1));
        // the moment the delay is measured from, so that listeners see the true backoff
        Instant failedAt = Instant.now();
        return new Plan(failedAt, delay, failedAt.plusMillis((long) (delay * 1000)));
    }
}
