package org.stllisting.ui;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.ui.mainwindow.CloseDialog;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.mainwindow.QueueTransferViewModel;
import org.stllisting.ui.mainwindow.QueueViewModel;
import org.stllisting.ui.mainwindow.ThumbnailLoader;
import org.stllisting.ui.recovery.RecoveryDialog;

/**
 * The window's application: builds the queue window on the composition root handed over by
 * {@link GuiLauncher}, runs recovery in the background and offers the recovery dialog when the last
 * session was interrupted, and remembers the window's geometry.
 */
public final class StlListingApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(StlListingApp.class);
    /** JavaFX constructs the application itself; this is the one hand-over from the launcher. */
    private static volatile AppContext handedOver;
    private static final DateTimeFormatter DISCARDED_UNTIL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
            Locale.ROOT).withZone(ZoneId.systemDefault());

    /** The status line while the last session is assessed (a few seconds at 10,000 jobs). */
    private static final String CHECKING = "Checking the last session…";

    private AppContext ctx;
    private SessionService session;
    private QueueRunner runner;
    private UiExecutor background;
    private ThumbnailLoader thumbnails;
    private QueueViewModel model;
    private JobViews views;
    private HomePanels panels;

    /** True while the launch checks the last session. */
    boolean checking() {
        return model != null && model.checkingProperty().get();
    }

    static void handOver(AppContext ctx) {
        handedOver = ctx;
    }

    @Override
    public void start(Stage stage) throws IOException {
        ctx = handedOver;
        session = ctx.session("gui");
        runner = session.runner();
        background = new UiExecutor(msg -> model.reportError(msg));
        model = new QueueViewModel(runner, ctx.templates(), ctx.config(), background);
        thumbnails = new ThumbnailLoader(ctx.home().thumbnailsDir());
        model.setThumbnailSink(thumbnails);
        runner.addListener(FxEventBridge.batched(model::applyAll));
        MainWindow window = new MainWindow(model);
        ConfigStore.Window saved = ctx.config().load().window;
        // sized by place() below, once the layout's minimum size is known
        Scene scene = new Scene(window.root());
        views = JobViews.attach(window, ctx, msg -> model.reportError(msg));
        panels = HomePanels.attach(window, ctx, msg -> model.reportError(msg));
        scene.getStylesheets().add(StlListingApp.class.getResource("stl-listing.css").toExternalForm());
        double[] min = WindowPlacement.minimumOf(window.root());
        Rectangle2D place = WindowPlacement.place(saved, visualBounds(), min[0], min[1]);
        stage.setScene(scene);
        stage.setTitle("STL Listing Tool");
        var icon = StlListingApp.class.getResourceAsStream("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        place(stage, place, saved, min);
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestQuit(stage);
        });
        // File ▸ Quit carries Ctrl+Q
        window.setOnQuit(() -> requestQuit(stage));
        QueueTransferMenu.attach(window, new QueueTransferViewModel(session, background::submit,
                () -> model.outputFolderProperty().get(), model::reportError, model::refresh), QueueTransferMenu::choose);
        stage.show();
        model.load();
        recoverThenOffer(stage);
    }

    private void recoverThenOffer(Stage stage) {
        model.reportError(CHECKING);
        // the check's picture of the queue replaces the table's: a start meanwhile would be shown stale
        model.checkingProperty().set(true);
        // a bar in a small window of its own when the check takes a while (it is shown after half a second)
        RecoveryDialog.Checking checking = RecoveryDialog.checking(stage, 500);
        // the queue's picture is taken in the background too: at 10,000 jobs it is not a UI-thread errand
        background.submit("Checking the last session", () -> {
            try {
                double[] shown = {0};
                SessionService.Recovered recovered = session.recover(f -> {
                    // a hundred steps at most reach the UI thread
                    if (f - shown[0] >= 0.01) {
                        shown[0] = f;
                        FxEventBridge.onFx(() -> checking.setProgress(f));
                    }
                });
                QueueView view = runner.view();
                return new Offer(recovered, HomeSettings.load(ctx.config()).archiveRetentionDays(), view,
                        RecoveryDialog.templatesOf(recovered.report(), view,
                                name -> ctx.templates().find(name).map(t -> t.displayName).orElse(name)));
            } catch (IOException | RuntimeException e) {
                // the failure is reported as any background failure is; the queue may still be started
                FxEventBridge.onFx(() -> model.checkingProperty().set(false));
                throw e;
            } finally {
                FxEventBridge.onFx(checking::close);
            }
        }, offer -> {
            SessionService.Recovered recovered = offer.recovered();
            LoadResult loaded = recovered.loaded();
            RecoveryReport report = recovered.report();
            model.refresh(offer.view());
            model.checkingProperty().set(false);
            if (CHECKING.equals(model.noticeProperty().get())) {
                model.reportError("");
            }
            if (recovered.lostSomething()) {
                // the loss first, where the status bar shows it; the rest is in the damaged files' README
                model.reportError("The last queue could not be fully recovered. Not recovered: "
                        + String.join("; ", loaded.lost()) + "."
                        + (loaded.keptIn() != null ? " The damaged files are kept in " + loaded.keptIn() + "." : ""));
            } else if (!report.stateProblems().isEmpty()) {
                model.reportError(report.stateMessage());
            }
            if (offersResume(report)) {
                javafx.scene.control.Dialog<RecoveryDialog.Choice> dialog = RecoveryDialog.create(report,
                        offer.archiveDays(), stage, this::discard);
                dialog.setHeaderText(RecoveryDialog.summary(report, offer.templateNames()));
                dialog.showAndWait().ifPresent(this::act);
            }
        });
    }

    /** What the recovery dialog is offered with: the recovery, and how long a discarded queue is kept. */
    private record Offer(SessionService.Recovered recovered, int archiveDays, QueueView view,
            List<String> templateNames) {
    }

    private void act(RecoveryDialog.Choice choice) {
        List<String> cancel = choice.cancelIds();
        switch (choice.action()) {
            case RESUME -> background.run("Resuming the session", () -> {
                for (String id : cancel) {
                    runner.cancel(id);
                }
                runner.start();
            });
            case DISCARD -> { } // done while the dialog showed its progress
            case LATER -> model.reportError("The interrupted session waits: press Start to resume it");
        }
    }

    /** A discarded session and the queue's picture after it, or why it could not be discarded. */
    private record Discarded(SessionService.Discarded discarded, QueueView view, String failure) {
    }

    /** Discard in the recovery dialog: the queue is archived in the background while the dialog shows a bar. */
    private void discard(Runnable done, java.util.function.Consumer<String> failed) {
        background.submit("Discarding the session", () -> {
            try {
                return new Discarded(session.discard(), runner.view(), null);
            } catch (SessionService.RefusedException | IOException | IllegalStateException e) {
                LOG.warn("discarding the session failed", e);
                return new Discarded(null, null, org.stllisting.jobs.runner.JobErrors.message(e));
            }
        }, dv -> {
            if (dv.failure() != null) {
                failed.accept(dv.failure());
                return;
            }
            var d = dv.discarded();
            model.refresh(dv.view());
            model.reportError("Session " + d.archived().shortId() + " is archived until "
                    + DISCARDED_UNTIL.format(d.archived().expiresAt()) + "; restore it with: stl-listing sessions"
                    + " restore " + d.archived().shortId());
            done.run();
        });
    }

    /**
     * True when the launch offers to resume the last session: it was interrupted (a crash, {@code kill -9},
     * a power cut), or it was stopped with work begun and not finished (the window closed while jobs ran).
     * A queue that was only filled and never started is simply shown.
     */
    static boolean offersResume(RecoveryReport report) {
        return report.unfinished() > 0
                && (report.interrupted() || report.finished() > 0 || !report.toResume().isEmpty());
    }

    /** The visual bounds of the screens, the main one first. */
    static List<Rectangle2D> visualBounds() {
        List<Rectangle2D> all = new ArrayList<>();
        all.add(Screen.getPrimary().getVisualBounds());
        for (Screen s : Screen.getScreens()) {
            if (!s.equals(Screen.getPrimary())) {
                all.add(s.getVisualBounds());
            }
        }
        return all;
    }

    /**
     * Puts the stage at {@code r} (maximized when it was), and once it is shown asks for its size again
     * ({@link WindowPlacement#sizeAgain}).
     */
    static void place(Stage stage, Rectangle2D r, ConfigStore.Window saved, double[] min) {
        // never narrower than the layout (else the detail pane is squeezed and cut off at the window's edge),
        // nor than its screen allows
        stage.setMinWidth(Math.min(min[0], r.getWidth()));
        stage.setMinHeight(Math.min(min[1], r.getHeight()));
        stage.setX(r.getMinX());
        stage.setY(r.getMinY());
        stage.setWidth(r.getWidth());
        stage.setHeight(r.getHeight());
        boolean maximized = saved != null && saved.maximized;
        stage.setOnShown(e -> {
            // the minimum is the window's, frame included: the content's minimum plus the frame
            double frameW = Math.max(0, stage.getWidth() - stage.getScene().getWidth());
            double frameH = Math.max(0, stage.getHeight() - stage.getScene().getHeight());
            stage.setMinWidth(Math.min(min[0] + frameW, r.getWidth()));
            stage.setMinHeight(Math.min(min[1] + frameH, r.getHeight()));
            WindowPlacement.sizeAgain(stage, r.getWidth(), r.getHeight());
            stage.setX(r.getMinX());
            stage.setY(r.getMinY());
            stage.setMaximized(maximized);
        });
    }

    /**
     * Closing the window or Ctrl+Q. While the queue runs, asks first: finish the running steps and then
     * close, stop now and close, or keep the window. Unfinished jobs stay queued and the next launch offers to
     * resume them.
     */
    void requestQuit(Stage stage) {
        if (model.processingProperty().get()) {
            int running = model.counts().running();
            switch (CloseDialog.ask(stage, running)) {
                case CANCEL -> {
                    return;
                }
                case AFTER_RUNNING_STEPS -> {
                    model.stop(false);
                    model.processingProperty().addListener((o, was, now) -> {
                        if (!now) {
                            quit(stage);
                        }
                    });
                    return;
                }
                case NOW -> model.stop(true);
            }
        }
        quit(stage);
    }

    private void quit(Stage stage) {
        if (stage.isShowing()) {
            saveGeometry(stage);
            stage.close();
        }
    }

    private void saveGeometry(Stage stage) {
        ConfigStore.Window w = new ConfigStore.Window();
        w.x = stage.getX();
        w.y = stage.getY();
        w.width = stage.getWidth();
        w.height = stage.getHeight();
        w.maximized = stage.isMaximized();
        background.run("Saving the window's place", () -> ctx.config().update(c -> {
            if (w.maximized && c.window != null) {
                // the size to come back to when it is no longer maximized
                w.x = c.window.x;
                w.y = c.window.y;
                w.width = c.window.width;
                w.height = c.window.height;
            }
            c.window = w;
        }));
    }

    @Override
    public void stop() {
        try {
            if (background != null) {
                background.close();
            }
            if (views != null) {
                views.close();
            }
            if (panels != null) {
                panels.close();
            }
            if (thumbnails != null) {
                thumbnails.close();
            }
            if (runner != null) {
                // running steps finish and checkpoint; the rest resumes on the next launch
                runner.stop(org.stllisting.jobs.runner.StopMode.AFTER_CURRENT_STEPS);
            }
            ctx.close();
        } catch (Exception e) {
            LOG.error("closing the window's engine failed", e);
        }
    }
}
