package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.StlListingApp;
import org.stllisting.ui.UiExecutor;

/**
 * The queue window on a real engine in a temporary folder, shown headless: a home whose last template is
 * {@code template}, the runner, the view-model fed through the event bridge, and the window with the
 * program's stylesheet, loaded with its output folder in {@code out/}.
 */
final class QueueWindowFixture implements AutoCloseable {
    final AppContext ctx;
    final QueueRunner runner;
    final UiExecutor background;
    final QueueViewModel model;
    final MainWindow window;
    final Stage stage;

    QueueWindowFixture(Path tmp, String template, double width, double height) throws Exception {
        ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        ctx.templates().rememberLastUsed(template);
        runner = ctx.runner("gui");
        QueueViewModel[] holder = new QueueViewModel[1];
        background = new UiExecutor(msg -> holder[0].reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        holder[0] = model;
        runner.addListener(FxEventBridge.batched(model::applyAll));
        window = FxTestSupport.onFx(() -> new MainWindow(model));
        stage = FxTestSupport.onFx(() -> {
            Stage s = new Stage();
            Scene scene = new Scene(window.root(), width, height);
            scene.getStylesheets().add(StlListingApp.class.getResource("stl-listing.css").toExternalForm());
            s.setScene(scene);
            s.show();
            model.load();
            model.setOutputFolder(tmp.resolve("out"));
            return s;
        });
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null
                && model.outputFolderProperty().get().endsWith("out"), 20)).isTrue();
    }

    /** Puts these jobs into the table as the runner would announce them, laid out. */
    void show(org.stllisting.jobs.runner.JobView... jobs) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            model.apply(new org.stllisting.jobs.runner.RunnerEvent.JobsAdded(java.time.Instant.now(),
                    java.util.List.of(jobs)));
            window.tableView().applyCss();
            window.tableView().layout();
            return null;
        });
    }

    private org.stllisting.ui.JobViews details;

    /** Puts the selected job's detail pane beside the table, as the program does. */
    void attachDetails() throws InterruptedException {
        details = FxTestSupport.onFx(() -> {
            try {
                org.stllisting.ui.JobViews views = org.stllisting.ui.JobViews.attach(window, ctx, model::reportError);
                // the split pane that now holds the table makes its children when CSS is next applied (the next
                // pulse, which may come late on a busy machine): apply it now, so that lookups find the table
                stage.getScene().getRoot().applyCss();
                return views;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        FxTestSupport.onFx(() -> {
            // as the program's own windows do when they close: nothing goes on animating into later tests
            org.stllisting.ui.OwnedWindow.quietNow(stage);
            stage.close();
            return null;
        });
        if (details != null) {
            details.close();
        }
        background.close();
        ctx.close();
    }
}
