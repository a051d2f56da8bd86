package org.stllisting.ui;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.ui.mainwindow.MainWindow;
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

    private AppContext ctx;
    private SessionService session;
    private QueueRunner runner;
    private UiExecutor background;
    private ThumbnailLoader thumbnails;
    private QueueViewModel model;
    private JobViews views;

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
        runner.addListener(new FxEventBridge(model::apply));
        MainWindow window = new MainWindow(model);
        views = JobViews.attach(window, ctx, msg -> model.reportError(msg));
        Scene scene = new Scene(window.root(), 1100, 680);
        scene.getStylesheets().add(StlListingApp.class.getResource("stl-listing.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("STL Listing Tool");
        var icon = StlListingApp.class.getResourceAsStream("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        restoreGeometry(stage);
        stage.setOnCloseRequest(e -> saveGeometry(stage));
        stage.show();
        model.load();
        recoverThenOffer(stage);
    }

    private void recoverThenOffer(Stage stage) {
        background.submit("Checking the last session",
                () -> new Offer(session.recover(), HomeSettings.load(ctx.config()).archiveRetentionDays()), offer -> {
            SessionService.Recovered recovered = offer.recovered();
            LoadResult loaded = recovered.loaded();
            RecoveryReport report = recovered.report();
            model.refresh(runner.view());
            if (recovered.lostSomething()) {
                // the loss first, where the status bar shows it; the rest is in the damaged files' README
                model.reportError("The last queue could not be fully recovered. Not recovered: "
                        + String.join("; ", loaded.lost()) + "."
                        + (loaded.keptIn() != null ? " The damaged files are kept in " + loaded.keptIn() + "." : ""));
            } else if (!report.stateProblems().isEmpty()) {
                model.reportError(report.stateMessage());
            }
            if (report.interrupted() && report.unfinished() > 0) {
                RecoveryDialog.ask(report, offer.archiveDays(), stage).ifPresent(this::act);
            }
        });
    }

    /** What the recovery dialog is offered with: the recovery, and how long a discarded queue is kept. */
    private record Offer(SessionService.Recovered recovered, int archiveDays) {
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
            case DISCARD -> background.submit("Discarding the session", session::discard, d -> {
                model.refresh(runner.view());
                model.reportError("Session " + d.archived().shortId() + " is archived until "
                        + DISCARDED_UNTIL.format(d.archived().expiresAt()) + "; restore it with: stl-listing sessions"
                        + " restore " + d.archived().shortId());
            });
            case LATER -> model.reportError("The interrupted session waits: press Start to resume it");
        }
    }

    private void restoreGeometry(Stage stage) {
        ConfigStore.Window w = ctx.config().load().window;
        if (w != null && w.width >= 400 && w.height >= 300) {
            stage.setX(w.x);
            stage.setY(w.y);
            stage.setWidth(w.width);
            stage.setHeight(w.height);
            stage.setMaximized(w.maximized);
        }
    }

    private void saveGeometry(Stage stage) {
        ConfigStore.Window w = new ConfigStore.Window();
        w.x = stage.getX();
        w.y = stage.getY();
        w.width = stage.getWidth();
        w.height = stage.getHeight();
        w.maximized = stage.isMaximized();
        background.run("Saving the window's place", () -> ctx.config().update(c -> c.window = w));
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
        Platform.exit();
    }
}
