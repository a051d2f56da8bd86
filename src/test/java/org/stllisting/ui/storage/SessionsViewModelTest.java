package org.stllisting.ui.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.SameThread;

/** The sessions list's state on a real home held by this process, with the runner made as the window makes it. */
class SessionsViewModelTest {
    @TempDir
    Path tmp;
    private AppContext ctx;
    private SessionsViewModel vm;
    private String archivedId;

    @BeforeEach
    void open() throws Exception {
        Home home = Home.at(tmp.resolve("home"));
        archivedId = HomeFixture.seedQueue(home, tmp.resolve("models"), "old", JobState.PENDING, JobState.PENDING,
                JobState.CANCELLED).queueSessionId;
        ctx = AppContext.exclusive(home);
        ctx.session("gui").recover();
        ctx.session("gui").discard();
        vm = new SessionsViewModel(new Sessions(ctx, "gui"), SameThread.INSTANCE, ZoneOffset.UTC);
    }

    @AfterEach
    void close() throws Exception {
        ctx.close();
    }

    private List<String> queued() throws Exception {
        return ctx.runner("gui").view().jobs().stream().map(JobView::id).toList();
    }

    @Test
    void theArchivedSessionIsListedWithItsCountsAndExpiry() {
        vm.load();

        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(archivedId);
            assertThat(r.status()).isEqualTo("discarded");
            assertThat(r.jobs()).isEqualTo("0 / 0 / 3");
            assertThat(r.template()).isEqualTo("quick_preview");
            assertThat(r.expires()).isNotEmpty();
            assertThat(r.disk()).isEqualTo("5.9 KB");
        });
    }

    @Test
    void restoreBringsTheSessionsJobsBackIntoTheQueue() throws Exception {
        vm.load();
        assertThat(queued()).isEmpty();

        vm.restore(vm.rows().get(0));

        assertThat(queued()).containsExactly("old_0", "old_1", "old_2");
        assertThat(ctx.queue().snapshot().queueSessionId).isEqualTo(archivedId);
        assertThat(vm.messageProperty().get()).startsWith("Session " + archivedId.substring(0, 8)
                + " is the queue again (3 jobs)");
        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.active()).isTrue());
    }

    @Test
    void restoreIsRefusedWithTheEnginesReasonWhileTheQueueHasWorkLeft() throws Exception {
        Path stl = tmp.resolve("new.stl");
        StlWriter.writeBinary(MeshGenerators.box(5, 5, 5), stl);
        ctx.runner("gui").add(List.of(stl), null, null, null);
        vm.load();
        SessionsViewModel.Row archived = vm.rows().stream().filter(r -> !r.active()).findFirst().orElseThrow();

        vm.restore(archived);

        assertThat(vm.messageProperty().get()).startsWith("Not restored: the active queue (session ")
                .contains("has work left (1 of 1 jobs unfinished)");
        assertThat(queued()).hasSize(1);
        assertThat(vm.rows()).hasSize(2);
    }
}
