package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * The runner keeps its own house (docs/ARCHITECTURE.md, The home's caches): when a run has finished (every job
 * final and recorded in the history, the run's report written), the caches of its completed and skipped jobs
 * ({@code cache/job_cache/<id>/}: checkpoint and processing log) are removed. Failed and cancelled jobs keep
 * theirs, so that a retry continues from the last completed step; {@code stl-listing cleanup} removes those
 * once their session has been idle long enough.
 */
final class JobCaches {
    private static final Logger LOG = LoggerFactory.getLogger(JobCaches.class);

    private JobCaches() {
    }

    /** With the runner's lock held, at the end of a finished run; a cache that cannot be removed is logged. */
    static int removeDone(RunnerCore core) {
        List<String> ids = core.store.read(q -> {
            List<String> out = new ArrayList<>();
            for (JobDto j : q.jobs()) {
                if ((j.state == JobState.COMPLETED || j.state == JobState.SKIPPED) && !HistoryRecorder.awaitsHistory(j)
                        && !core.running.containsKey(j.id)) {
                    out.add(j.id);
                }
            }
            return out;
        });
        int removed = 0;
        for (String id : ids) {
            Path dir = core.home.jobCacheDir(id);
            try {
                // the cache holds only the runner's own files; links in it are removed, never followed
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    PathUtils.deleteDirectory(dir);
                    removed++;
                } else if (Files.deleteIfExists(dir)) {
                    removed++;
                }
            } catch (IOException e) {
                LOG.warn("could not remove the cache of finished job {} ({}): {}", id, dir, e.toString());
            }
        }
        return removed;
    }
}
