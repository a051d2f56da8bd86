package org.stllisting.ui.mainwindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.render.RenderService;
import org.stllisting.ui.FxEventBridge;

/**
 * Makes the queue's thumbnails in the background, one at a time on a low-priority thread, and caches them
 * under the home's {@code cache/thumbnails/}. A file that cannot be read simply has no thumbnail (its job
 * will say why).
 */
public final class ThumbnailLoader implements QueueViewModel.ThumbnailSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailLoader.class);
    static final int SIZE = 96;

    private final Path dir;
    private final RenderService renderer = new RenderService(1);
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ui-thumbnails");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    public ThumbnailLoader(Path thumbnailsDir) {
        this.dir = thumbnailsDir;
    }

    @Override
    public void request(JobRow row) {
        if (row.source() == null) {
            return;
        }
        executor.execute(() -> {
            try {
                Path png = dir.resolve(row.id() + "_" + SIZE + ".png");
                if (!Files.isRegularFile(png)) {
                    Files.createDirectories(dir);
                    Mesh mesh = StlReader.read(Path.of(row.source()));
                    renderer.thumbnail(mesh, SIZE, png);
                }
                Image image = new Image(png.toUri().toString());
                FxEventBridge.onFx(() -> row.thumbnailProperty().set(image));
            } catch (Exception e) {
                LOG.info("no thumbnail for {}: {}", row.source(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        renderer.close();
    }
}
