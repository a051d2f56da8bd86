package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.ui.FxTestSupport;

/**
 * A queue of many jobs, headless under Monocle: thumbnails are asked for only for the rows the table
 * shows, and a row scrolled away gives up its request; the real loader then makes only those.
 */
class ThumbnailsInViewTest {
    private static final int JOBS = 1_000;

    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    /** What the table asked of the sink, in order (on the FX thread). */
    private static final class Recording implements QueueViewModel.ThumbnailSink {
        final Set<String> wanted = new LinkedHashSet<>();
        final List<String> asked = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();

        @Override
        public void request(JobRow row) {
            asked.add(row.id());
            wanted.add(row.id());
        }

        @Override
        public void drop(JobRow row) {
            dropped.add(row.id());
            wanted.remove(row.id());
        }
    }

    private List<Path> models(int n) throws Exception {
        Path one = tmp.resolve("models/box_0.stl");
        Files.createDirectories(one.getParent());
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), one);
        List<Path> all = new ArrayList<>(List.of(one));
        for (int i = 1; i < n; i++) {
            all.add(Files.copy(one, one.resolveSibling("box_" + i + ".stl")));
        }
        return all;
    }

    @Test
    void onlyTheRowsInViewAskForThumbnailsAndRowsScrolledAwayDropTheirRequests() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 900, 500);
        Recording sink = new Recording();
        FxTestSupport.onFx(() -> {
            f.model.setThumbnailSink(sink);
            return null;
        });
        f.runner.add(models(JOBS), null, null, null);
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == JOBS && !sink.asked.isEmpty(), 30)).isTrue();
        FxTestSupport.await(() -> false, 1); // let the table lay out
        int shownAtTop = FxTestSupport.onFx(() -> {
            List<String> firstIds = f.model.rows().subList(0, 20).stream().map(JobRow::id).toList();
            assertThat(firstIds).containsAll(sink.wanted);
            return sink.wanted.size();
        });
        // the window is 500 px high and a row 56 px: a screenful, not the queue
        assertThat(shownAtTop).isBetween(1, 12);
        assertThat(FxTestSupport.onFx(() -> Set.copyOf(sink.asked).size())).isLessThan(20);

        FxTestSupport.onFx(() -> {
            f.window.tableView().scrollTo(900);
            return null;
        });
        assertThat(FxTestSupport.await(() -> sink.wanted.stream().anyMatch(id -> index(id) >= 900), 10)).isTrue();
        FxTestSupport.await(() -> false, 1);
        FxTestSupport.onFx(() -> {
            // what is wanted now is what is shown now; the top rows gave up their requests
            assertThat(sink.wanted).allMatch(id -> index(id) >= 900 && index(id) < 920);
            assertThat(sink.dropped).isNotEmpty().allMatch(id -> index(id) < 20);
            assertThat(Set.copyOf(sink.asked).size()).isLessThan(40);
            return null;
        });
    }

    @Test
    void theLoaderMakesThumbnailsOnlyForTheRowsInViewAndKeepsThemOnDisk() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 900, 500);
        Path dir = tmp.resolve("thumbnails");
        ThumbnailLoader loader = new ThumbnailLoader(dir, 50);
        try {
            FxTestSupport.onFx(() -> {
                f.model.setThumbnailSink(loader);
                return null;
            });
            f.runner.add(models(200), null, null, null);
            assertThat(FxTestSupport.await(() -> f.model.rows().size() == 200
                    && f.model.rows().get(0).thumbnailProperty().get() != null, 60)).isTrue();
            FxTestSupport.await(() -> false, 2); // time enough to make more, were more asked for
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isBetween(1L, 20L);
            }
            assertThat(FxTestSupport.onFx(() -> f.model.rows().get(150).thumbnailProperty().get())).isNull();
            assertThat(loader.held()).isLessThanOrEqualTo(50);
        } finally {
            loader.close();
        }
    }

    private int index(String id) {
        for (int i = 0; i < f.model.rows().size(); i++) {
            if (f.model.rows().get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
