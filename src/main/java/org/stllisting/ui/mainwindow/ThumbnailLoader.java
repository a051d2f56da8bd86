package org.stllisting.ui.mainwindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.runner.LowPriority;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.render.RenderService;
import org.stllisting.ui.FxEventBridge;

/**
 * Makes the thumbnails of the rows in view, in the background on one low-priority thread: the table's
 * visible cells ask for them, the newest request first, and a row scrolled away before its turn costs
 * nothing. At most {@link #HELD} images stay in memory (the least recently used let go, their rows blank
 * until shown again); every thumbnail made is kept under the home's {@code cache/thumbnails/}, so showing it
 * again only reads a small PNG. A file that cannot be read simply has no thumbnail (its job will say why), and
 * is not tried again while its job stays in the queue.
 */
public final class ThumbnailLoader implements QueueViewModel.ThumbnailSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailLoader.class);
    static final int SIZE = 96;
    /** The size the table shows a thumbnail at. */
    static final int SHOWN = 48;
    /** Images held in memory: a few screens of rows (a 48 px image is about 9 KB). */
    static final int HELD = 500;

    private final Path dir;
    private final RenderService renderer = new RenderService(1);
    private final ThumbnailCache<JobRow, Image> cache;
    private final Thread worker;

    public ThumbnailLoader(Path thumbnailsDir) {
        this(thumbnailsDir, HELD);
    }

    ThumbnailLoader(Path thumbnailsDir, int held) {
        this.dir = thumbnailsDir;
        this.cache = new ThumbnailCache<>(held);
        worker = new Thread(() -> {
            LowPriority.lowerCurrentThread();
            work();
        }, "ui-thumbnails");
        worker.setDaemon(true);
        worker.start();
    }

    /** On the UI thread: a cell shows {@code row}. */
    @Override
    public void request(JobRow row) {
        if (row.source() == null) {
            return;
        }
        Image held = cache.get(row);
        if (held != null) {
            row.thumbnailProperty().set(held);
        } else {
            cache.request(row);
        }
    }

    /** On the UI thread: no cell shows {@code row} any more. */
    @Override
    public void drop(JobRow row) {
        cache.drop(row);
    }

    /** {@code row}'s job left the queue. */
    @Override
    public void forget(JobRow row) {
        cache.forget(row);
    }

    private void work() {
        try {
            JobRow row;
            while ((row = cache.takeNewest()) != null) {
                make(row);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void make(JobRow row) {
        try {
            Path png = dir.resolve(row.id() + "_" + SIZE + ".png");
            if (!Files.isRegularFile(png)) {
                Files.createDirectories(dir);
                Mesh mesh = StlReader.read(Path.of(row.source()));
                renderer.thumbnail(mesh, SIZE, png);
            }
            // read at the size shown: a quarter of the memory, and no scaling at every frame drawn
            Image image = new Image(png.toUri().toString(), SHOWN, SHOWN, true, true);
            List<JobRow> evicted = cache.put(row, image);
            FxEventBridge.onFx(() -> {
                row.thumbnailProperty().set(image);
                for (JobRow gone : evicted) {
                    gone.thumbnailProperty().set(null);
                }
            });
        } catch (Exception e) {
            cache.failed(row);
            LOG.info("no thumbnail for {}: {}", row.source(), e.getMessage());
        }
    }

    /** Images held in memory now. */
    int held() {
        return cache.size();
    }

    @Override
    public void close() {
        cache.close();
        worker.interrupt();
        renderer.close();
    }
}
