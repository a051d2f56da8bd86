package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.JobViews;

/**
 * The queue table beside the detail pane keeps its columns readable: at 1100 px (the first launch's width)
 * and at 1600 px, the State column shows "Completed" whole, and the detail pane has what is left.
 */
class NarrowTableTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @ParameterizedTest
    @ValueSource(ints = {1100, 1600})
    void theStateColumnShowsCompletedWholeBesideTheDetailPane(int width) throws Exception {
        // a screen of Monocle is 1280 px wide: the window's content is laid out in a scene of its own at the width
        try (QueueWindowFixture f = new QueueWindowFixture(tmp, "quick_preview", 1100, 720)) {
            JobViews views = FxTestSupport.onFx(() -> {
                try {
                    return JobViews.attach(f.window, f.ctx, f.model::reportError);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                f.show(Rows.view("a_long_model_name_for_a_shelf_bracket", JobState.COMPLETED, 100, null, "finalize",
                        12.0), Rows.view("gear", JobState.CANCELLED, 0, null, null, null));
                javafx.scene.Scene scene = FxTestSupport.onFx(() -> {
                    f.stage.getScene().setRoot(new javafx.scene.layout.Pane());
                    javafx.scene.Scene s = new javafx.scene.Scene(f.window.root(), width, 720);
                    s.getStylesheets().add(org.stllisting.ui.StlListingApp.class.getResource("stl-listing.css")
                            .toExternalForm());
                    return s;
                });
                List<String> shown = FxTestSupport.onFx(() -> {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                    f.window.tableView().getSelectionModel().select(0);
                    scene.getRoot().layout();
                    List<String> texts = new ArrayList<>();
                    for (Node n : f.window.tableView().lookupAll(".table-cell")) {
                        if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                                && "State".equals(c.getTableColumn().getText()) && c.getText() != null) {
                            Text t = (Text) c.lookup(".text");
                            texts.add(c.getText() + "=" + (t == null ? "" : t.getText()));
                        }
                    }
                    return texts;
                });
                assertThat(shown).contains("Completed=Completed", "Cancelled=Cancelled");
                double[] widths = FxTestSupport.onFx(() -> {
                    double mins = 0;
                    for (TableColumn<JobRow, ?> c : f.window.tableView().getColumns()) {
                        mins += c.getMinWidth();
                    }
                    Node pane = scene.lookup("#job-detail");
                    return new double[] {f.window.tableView().getWidth(), mins, pane.getLayoutBounds().getWidth()};
                });
                assertThat(widths[0]).as("the table's width").isGreaterThanOrEqualTo(widths[1]);
                assertThat(widths[2]).as("the detail pane's width").isGreaterThanOrEqualTo(300);
            } finally {
                views.close();
            }
        }
    }
}
