package org.stllisting.ui;

import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.stllisting.app.AppContext;
import org.stllisting.app.SettingsService;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.settings.SettingsPane;
import org.stllisting.ui.settings.SettingsViewModel;
import org.stllisting.ui.storage.SessionsViewModel;
import org.stllisting.ui.storage.StorageViewModel;
import org.stllisting.ui.storage.StorageWindow;

/**
 * The queue window's views of the home: the Settings… button (every queue and home setting) and the Storage…
 * button (the cleanup figures, Clean, and the sessions with Restore). Their reads and changes run on their own
 * background thread, so measuring a large home never holds up a queue command.
 */
public final class HomePanels implements AutoCloseable {
    private final UiExecutor work;
    private final SettingsPane settings;
    private final StorageWindow storage;

    private HomePanels(UiExecutor work, SettingsPane settings, StorageWindow storage) {
        this.work = work;
        this.settings = settings;
        this.storage = storage;
    }

    /** Builds the panels on {@code ctx} and puts their buttons into {@code window}; {@code onError} shows a failure. */
    public static HomePanels attach(MainWindow window, AppContext ctx, Consumer<String> onError) {
        UiExecutor work = new UiExecutor(onError);
        SettingsPane settings = new SettingsPane(new SettingsViewModel(new SettingsService(ctx), work::submit));
        StorageWindow storage = new StorageWindow(
                new StorageViewModel(ctx.home(), ctx::history, work::submit, FxEventBridge::onFx),
                new SessionsViewModel(new Sessions(ctx, "gui"), work::submit, ZoneId.systemDefault()));
        Button openSettings = new Button("Settings…");
        openSettings.setId("open-settings");
        openSettings.setTooltip(new Tooltip("Concurrency, retries, timeout, disk threshold, cache cap, retention,"
                + " default output folder and mode"));
        openSettings.setOnAction(e -> settings.show(window.window()));
        Button openStorage = new Button("Storage…");
        openStorage.setId("open-storage");
        openStorage.setTooltip(new Tooltip("What the home keeps, cleaning it up, and earlier sessions to restore"));
        openStorage.setOnAction(e -> storage.show(window.window()));
        window.addTool(openSettings);
        window.addTool(openStorage);
        return new HomePanels(work, settings, storage);
    }

    public SettingsPane settings() {
        return settings;
    }

    public StorageWindow storage() {
        return storage;
    }

    @Override
    public void close() throws InterruptedException {
        work.close();
    }
}
