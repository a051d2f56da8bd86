package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.QueueTransferMenu;
import org.stllisting.ui.SameThread;

/**
 * File ▸ Export queue… and Import queue… on real homes: the jobs go from one home to another with their
 * template and their own options, never twice, into the importing window's output folder; a file that cannot
 * be imported is one line naming it and the reason.
 */
class QueueTransferTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    private Path model(String name) throws Exception {
        Path p = tmp.resolve("models").resolve(name + ".stl");
        Files.createDirectories(p.getParent());
        StlWriter.writeBinary(MeshGenerators.box(10, 12, 14), p);
        return p;
    }

    /** The view-model; {@code notices} gets what it ends with, {@code started} the line it begins with. */
    private static QueueTransferViewModel model(SessionService s, String output, List<String> notices,
            AtomicReference<QueueView> view) {
        return new QueueTransferViewModel(s, SameThread.INSTANCE, () -> output, n -> {
            if (n.endsWith("…")) {
                STARTED.add(n);
            } else {
                notices.add(n);
            }
        }, view::set);
    }

    private static final List<String> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void anExportedQueueImportsIntoAnotherHomeWithItsTemplatesAndOptionsNeverTwice() throws Exception {
        Path file = tmp.resolve("queue.json");
        List<String> notices = new ArrayList<>();
        AtomicReference<QueueView> view = new AtomicReference<>();
        try (AppContext a = AppContext.exclusive(Home.at(tmp.resolve("home-a")))) {
            QueueRunner runner = a.session("gui").runner();
            runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out-a")));
            runner.add(List.of(model("cube")), "quick_preview", Map.of("color", "#1976D2"), null);
            runner.add(List.of(model("peg")), "complete_processing", Map.of("material", "metal"),
                    Map.of("auto_repair", false));
            model(a.session("gui"), tmp.resolve("out-a").toString(), notices, view).exportTo(file);
        }
        assertThat(notices).containsExactly("Exported 2 jobs to " + file);
        assertThat(STARTED).contains("Exporting the queue to " + file + "…");

        Path outB = tmp.resolve("out-b");
        try (AppContext b = AppContext.exclusive(Home.at(tmp.resolve("home-b")))) {
            SessionService session = b.session("gui");
            session.runner(); // the window's runner exists before anything is imported
            QueueTransferViewModel vm = model(session, outB.toString(), notices, view);
            vm.importFrom(file);
            assertThat(STARTED).contains("Importing the queue from " + file + "…");
            assertThat(notices.get(1)).isEqualTo("Imported 2 jobs from " + file + "; output: "
                    + outB.toAbsolutePath().normalize() + " (not the file's " + tmp.resolve("out-a").toAbsolutePath()
                    .normalize() + ")");
            assertThat(view.get().jobs()).hasSize(2);
            List<JobDto> jobs = b.queue().snapshot().jobs;
            JobDto cube = jobs.stream().filter(j -> j.stlPath.endsWith("cube.stl")).findFirst().orElseThrow();
            JobDto peg = jobs.stream().filter(j -> j.stlPath.endsWith("peg.stl")).findFirst().orElseThrow();
            assertThat(cube.template).isEqualTo("quick_preview");
            assertThat(cube.renderOptions).containsEntry("color", "#1976D2");
            assertThat(peg.template).isEqualTo("complete_processing");
            assertThat(peg.renderOptions).containsEntry("material", "metal");
            assertThat(peg.validationOptions).containsEntry("auto_repair", false);
            assertThat(jobs).allSatisfy(j -> assertThat(j.outputFolder).startsWith(outB.toAbsolutePath().toString()));

            vm.importFrom(file);
            assertThat(notices.get(2)).startsWith("Imported 0 jobs from " + file + "; 2 already in the queue");
            assertThat(b.queue().snapshot().jobs).hasSize(2);

            // the unfinished queue writes to out-b: a window whose output folder is elsewhere is told why not
            model(session, tmp.resolve("elsewhere").toString(), notices, view).importFrom(file);
            assertThat(notices.get(3)).isEqualTo("Queue not imported from " + file + ": the unfinished queue here"
                    + " writes to " + outB.toAbsolutePath().normalize() + " and imported jobs join it there, but the"
                    + " output folder is " + tmp.resolve("elsewhere") + ". Choose that folder, or finish or clear"
                    + " the queue first.");
        }
    }

    @Test
    void aFileThatIsNotAQueueOrCannotBeReadIsOneLineNamingItAndNothingIsQueued() throws Exception {
        Path damaged = Files.writeString(tmp.resolve("damaged.json"), "{\"jobs\": [ {\"id\": \"j1\", ");
        Path template = Files.writeString(tmp.resolve("template.json"), "{\"name\": \"t\", \"steps\": []}");
        Path folder = Files.createDirectories(tmp.resolve("a-folder.json"));
        List<String> notices = new ArrayList<>();
        try (AppContext b = AppContext.exclusive(Home.at(tmp.resolve("home")))) {
            QueueTransferViewModel vm = model(b.session("gui"), tmp.resolve("out").toString(), notices,
                    new AtomicReference<>());
            vm.importFrom(damaged);
            vm.importFrom(template);
            vm.importFrom(folder);
            assertThat(b.queue().snapshot().jobs).isEmpty();
        }
        assertThat(notices).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("Queue not imported: " + tmp)
                .doesNotContain("\n").doesNotContain("Exception"));
        assertThat(notices.get(0)).startsWith("Queue not imported: " + damaged + ": not a readable queue file");
        assertThat(notices.get(1)).startsWith("Queue not imported: " + template + ": not a queue file");
        assertThat(notices.get(2)).startsWith("Queue not imported: " + folder + ": cannot read the file (");
    }

    @Test
    void theFileMenuOffersImportAndExportAboveQuitAndExportWritesTheChosenFile() throws Exception {
        Path file = tmp.resolve("from-the-menu.json");
        try (QueueWindowFixture f = new QueueWindowFixture(tmp, "quick_preview", 1100, 600)) {
            f.runner.add(List.of(model("cube")), "quick_preview", null, null);
            QueueTransferViewModel vm = new QueueTransferViewModel(f.ctx.session("gui"), f.background::submit,
                    () -> f.model.outputFolderProperty().get(), f.model::reportError, f.model::refresh);
            List<String> items = FxTestSupport.onFx(() -> {
                QueueTransferMenu.attach(f.window, vm, (owner, save) -> save ? file.toFile() : null);
                Menu menu = ((MenuBar) f.stage.getScene().lookup("#menu-bar")).getMenus().get(0);
                List<String> texts = menu.getItems().stream()
                        .map(i -> i instanceof SeparatorMenuItem ? "-" : i.getText()).toList();
                MenuItem export = menu.getItems().stream().filter(i -> "queue-export".equals(i.getId()))
                        .findFirst().orElseThrow();
                export.fire();
                return texts;
            });
            assertThat(items).containsExactly("Add files…", "Add folder…", "-", "Import queue…", "Export queue…", "-",
                    "Quit");
            assertThat(FxTestSupport.await(() -> f.model.noticeProperty().get().startsWith("Exported 1 job to "),
                    20)).isTrue();
            assertThat(Files.readString(file)).contains("cube.stl");
        }
    }
}
