package org.stllisting.ui.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/** Homes as earlier runs leave them: a queue of real STL files with job caches, stale caches, thumbnails. */
final class HomeFixture {
    private HomeFixture() {
    }

    /** Writes a queue of one job per state on real STL files in {@code models}, each job with a cache. */
    static QueueStateDto seedQueue(Home home, Path models, String prefix, JobState... states) throws Exception {
        home.ensureCreated();
        QueueStateDto q = QueueStateDto.empty();
        q.template = "quick_preview";
        q.queueSettings.outputBaseFolder = models.resolveSibling("out-" + prefix).toString();
        Files.createDirectories(models);
        for (int i = 0; i < states.length; i++) {
            Path stl = models.resolve(prefix + i + ".stl");
            StlWriter.writeBinary(MeshGenerators.box(10, 8, 6), stl);
            JobDto j = JobDto.pending(prefix + "_" + i, stl.toString());
            j.state = states[i];
            q.jobs.add(j);
            cache(home, j.id, 2000, Instant.now());
        }
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.replaceState(q);
        }
        return q;
    }

    /** A job cache folder of {@code bytes} bytes last written at {@code when}. */
    static Path cache(Home home, String name, int bytes, Instant when) throws Exception {
        Path dir = Files.createDirectories(home.jobCacheDir(name));
        Path f = Files.write(dir.resolve("processing_state.json"), new byte[bytes]);
        Files.setLastModifiedTime(f, FileTime.from(when));
        Files.setLastModifiedTime(dir, FileTime.from(when));
        return dir;
    }

    /** A thumbnail file of {@code bytes} bytes. */
    static Path thumbnail(Home home, String name, int bytes) throws Exception {
        Files.createDirectories(home.thumbnailsDir());
        return Files.write(home.thumbnailsDir().resolve(name), new byte[bytes]);
    }

    static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days));
    }
}
