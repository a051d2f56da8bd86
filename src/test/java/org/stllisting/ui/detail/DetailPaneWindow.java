package org.stllisting.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.JobViews;
import org.stllisting.ui.UiExecutor;
import org.stllisting.ui.mainwindow.JobRow;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.mainwindow.QueueViewModel;

/**
 * The queue window with the detail pane beside it, shown headless on the runner of a context whose jobs are
 * queued (and maybe run) already: the view-model fed through the event bridge, as the program wires it.
 */
final class DetailPaneWindow implements AutoCloseable {
    final AppContext ctx;
    final QueueViewModel model;
    final MainWindow window;
    final JobViews views;
    final Stage stage;
    private final UiExecutor background;

    /** Opens the window and waits (up to 20 s) for the table to hold {@code rows} jobs. */
    DetailPaneWindow(AppContext ctx, int rows) throws Exception {
        this.ctx = ctx;
        QueueRunner runner = ctx.runner("gui");
        QueueViewModel[] holder = new QueueViewModel[1];
        background = new UiExecutor(msg -> holder[0].reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        holder[0] = model;
        runner.addListener(new FxEventBridge(model::apply));
        window = FxTestSupport.onFx(() -> new MainWindow(model));
        views = FxTestSupport.onFx(() -> {
            try {
                return JobViews.attach(window, ctx, model::reportError);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        stage = FxTestSupport.onFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(window.root(), 1200, 800));
            s.show();
            model.load();
            return s;
        });
        assertThat(FxTestSupport.await(() -> table().getItems().size() == rows, 20)).isTrue();
    }

    @SuppressWarnings("unchecked")
    TableView<JobRow> table() {
        return (TableView<JobRow>) stage.getScene().lookup("#queue");
    }

    /** Selects the first row that {@code which} accepts. */
    void select(Predicate<JobRow> which) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            JobRow row = table().getItems().stream().filter(which).findFirst().orElseThrow();
            table().getSelectionModel().clearAndSelect(table().getItems().indexOf(row));
            return null;
        });
    }

    /** The node of the window with this CSS id ({@code #detail-title}), or null. */
    <T extends Node> T find(String id) throws InterruptedException {
        @SuppressWarnings("unchecked")
        T n = (T) FxTestSupport.onFx(() -> stage.getScene().lookup(id));
        return n;
    }

    @Override
    public void close() throws Exception {
        FxTestSupport.closeAllWindows();
        views.close();
        background.close();
        ctx.close();
    }
}
