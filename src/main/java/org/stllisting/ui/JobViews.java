package org.stllisting.ui;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.stllisting.app.AppContext;
import org.stllisting.app.JobDetails;
import org.stllisting.app.JobOptions;
import org.stllisting.ui.detail.JobDetailPane;
import org.stllisting.ui.detail.JobDetailViewModel;
import org.stllisting.ui.detail.OverridesSection;
import org.stllisting.ui.detail.OverridesViewModel;
import org.stllisting.ui.history.HistoryViewModel;
import org.stllisting.ui.history.HistoryWindow;
import org.stllisting.ui.mainwindow.JobRow;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.preview.ModelPreview;

/**
 * The queue window's views of single jobs and of the past: the selected job's detail pane (with the model's
 * preview) beside the table, and the History… button that opens the history window. Their reads run on
 * their own background thread, so a slow read never holds up a queue command.
 */
public final class JobViews implements AutoCloseable {
    private final UiExecutor reads;
    private final JobDetailPane detail;
    private final HistoryWindow history;

    private JobViews(UiExecutor reads, JobDetailPane detail, HistoryWindow history) {
        this.reads = reads;
        this.detail = detail;
        this.history = history;
    }

    /** Builds the views on {@code ctx} and puts them into {@code window}; {@code onError} shows a failure. */
    public static JobViews attach(MainWindow window, AppContext ctx, Consumer<String> onError) throws IOException {
        UiExecutor reads = new UiExecutor(onError);
        Map<String, String> names = new ConcurrentHashMap<>();
        // a template's display name, read off the UI thread and remembered
        java.util.function.UnaryOperator<String> displayName = n -> names.computeIfAbsent(n,
                k -> ctx.templates().find(k).map(t -> t.displayName).orElse(k));
        JobDetails details = new JobDetails(ctx.home(), ctx.queue(), ctx.history(),
                n -> ctx.templates().find(n).orElse(null));
        JobDetailViewModel detailModel = new JobDetailViewModel(reads::submit, id -> {
            Optional<JobDetails.Detail> d = details.of(id);
            d.ifPresent(x -> {
                if (x.template() != null) {
                    displayName.apply(x.template());
                }
                if (x.previous() != null && x.previous().template() != null) {
                    displayName.apply(x.previous().template());
                }
            });
            return d;
        }, n -> names.getOrDefault(n, n), ZoneId.systemDefault());
        ModelPreview preview = new ModelPreview(reads::submit, ctx.home().thumbnailsDir(),
                ModelPreview.threeDSupported());
        JobDetailPane pane = new JobDetailPane(detailModel, preview, onError);
        OverridesViewModel overrides = new OverridesViewModel(reads::submit,
                id -> JobOptions.of(ctx.queue(), n -> ctx.templates().find(n).orElse(null), id),
                (ids, render, validation) -> ctx.runner("gui").setOverrides(ids, render, validation));
        pane.addSection(new OverridesSection(overrides).root());
        // read again when another job is shown or the shown one changes state, not at each progress message
        detailModel.detailProperty().addListener((o, was, now) -> {
            if (now == null || was == null || !now.jobId().equals(was.jobId()) || now.state() != was.state()) {
                overrides.select(now == null ? null : now.jobId());
            }
        });
        // and when the shown job's own settings change (from the dialog for several jobs)
        javafx.beans.value.ChangeListener<String> own = (o, was, now) -> {
            JobRow row = window.selectedRow().getValue();
            if (row != null && row.id().equals(overrides.selected())) {
                overrides.select(row.id());
            }
        };
        window.selectedRow().addListener((o, was, now) -> {
            if (was != null) {
                was.ownSettingsProperty().removeListener(own);
            }
            if (now != null) {
                now.ownSettingsProperty().addListener(own);
            }
        });
        window.showBeside(pane.root());
        pane.follow(window.selectedRow());

        HistoryWindow history = new HistoryWindow(new HistoryViewModel(ctx.history(), reads::submit, displayName,
                ZoneId.systemDefault()), onError);
        Button open = new Button("History…");
        open.setId("open-history");
        open.setTooltip(new Tooltip("Earlier jobs: search them, open their output, see the last days in charts"));
        open.setOnAction(e -> history.show(window.window()));
        window.addTool(open);
        return new JobViews(reads, pane, history);
    }

    public JobDetailPane detail() {
        return detail;
    }

    public HistoryWindow history() {
        return history;
    }

    @Override
    public void close() throws InterruptedException {
        reads.close();
    }
}
