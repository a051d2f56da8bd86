package org.stllisting.ui.mainwindow;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.stllisting.jobs.template.Template;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.UiClock;

/**
 * The queue window's controls: a toolbar (add, template, output folder, start / pause / stop), the queue
 * table (thumbnail, name, state, progress, ETA, duration) that accepts dropped files and folders, and a
 * status bar with the queue's progress. Holds no state of its own: everything is bound to the
 * {@link QueueViewModel}.
 */
public final class MainWindow {
    private final QueueViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<JobRow> table = new TableView<>();
    /** Lays a long queue out out of sight once, so that the user's first scrolls run compiled code. */
    private TableWarmUp warmUp;

    private static final javafx.css.PseudoClass DROP_TARGET = javafx.css.PseudoClass.getPseudoClass("drop-target");
    /** Ticks the running jobs' durations and times left once a second while the window is shown ({@link UiClock}). */
    private java.util.concurrent.ScheduledFuture<?> ticking;

    public MainWindow(QueueViewModel model) {
        this.model = model;
        root.setTop(new javafx.scene.layout.VBox(menuBar(), toolbar()));
        root.setCenter(table());
        root.setBottom(new javafx.scene.layout.VBox(undoBar(), doneBanner(), statusBar()));
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::shortcut);
        root.getStyleClass().add("main-window");
        // files and folders can be dropped anywhere on the window, which is outlined while they hover
        root.setOnDragOver(this::dragOver);
        root.setOnDragExited(e -> root.pseudoClassStateChanged(DROP_TARGET, false));
        root.setOnDragDropped(this::dropped);
        // the clock runs while the window is shown
        root.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty)
                .addListener((o, was, shown) -> {
                    if (ticking != null) {
                        ticking.cancel(false);
                        ticking = null;
                    }
                    if (Boolean.TRUE.equals(shown)) {
                        ticking = UiClock.every(1000, this::tick);
                    }
                });
    }

    /** Set by the application: what closing the program does (the same as Ctrl+Q). */
    public void setOnQuit(Runnable quit) {
        this.onQuit = quit;
    }

    private Runnable onQuit = () -> { };
    private Menu fileMenu;

    private MenuBar menuBar() {
        MenuItem addFiles = new MenuItem("Add files…");
        addFiles.setOnAction(e -> chooseFiles());
        addFiles.setAccelerator(new javafx.scene.input.KeyCodeCombination(KeyCode.O,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        MenuItem addFolder = new MenuItem("Add folder…");
        addFolder.setOnAction(e -> chooseFolder());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("quit");
        quit.setOnAction(e -> onQuit.run());
        quit.setAccelerator(new javafx.scene.input.KeyCodeCombination(KeyCode.Q,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        Menu file = new Menu("File", null, addFiles, addFolder, new SeparatorMenuItem(), quit);
        file.setId("file-menu");
        fileMenu = file;

        MenuItem stopAfterSteps = new MenuItem("Stop after the running steps");
        stopAfterSteps.setOnAction(e -> model.stop(false));
        MenuItem stopAfterJob = stopAfterJobItem();
        MenuItem stopNow = stopNowItem();
        ToggleGroup whenDone = new ToggleGroup();
        RadioMenuItem nothing = new RadioMenuItem("Nothing");
        nothing.setId("when-done-nothing");
        RadioMenuItem quitWhenDone = new RadioMenuItem("Quit the program");
        quitWhenDone.setId("when-done-quit");
        nothing.setToggleGroup(whenDone);
        quitWhenDone.setToggleGroup(whenDone);
        Runnable showChoice = () -> whenDone.selectToggle(
                model.whenDoneProperty().get() == QueueViewModel.WhenDone.QUIT ? quitWhenDone : nothing);
        showChoice.run();
        model.whenDoneProperty().addListener((o, a, b) -> showChoice.run());
        nothing.setOnAction(e -> model.setWhenDone(QueueViewModel.WhenDone.NOTHING));
        quitWhenDone.setOnAction(e -> model.setWhenDone(QueueViewModel.WhenDone.QUIT));
        Menu done = new Menu("When the queue is done", null, nothing, quitWhenDone);
        Menu queue = new Menu("Queue", null, stopAfterSteps, stopAfterJob, stopNow, new SeparatorMenuItem(), done);
        queue.setId("queue-menu");
        queue.setOnShowing(e -> {
            stopAfterSteps.setDisable(!model.processingProperty().get() || model.stoppingProperty().get());
            enableStopItems(queue.getItems());
        });
        MenuBar bar = new MenuBar(file, queue, templateMenu(), viewMenu());
        bar.setId("menu-bar");
        return bar;
    }

    /** Templates: what the chosen one does, save the current settings as one, import, export. */
    private Menu templateMenu() {
        MenuItem details = new MenuItem("Details of the chosen template");
        details.setId("template-details-item");
        details.setOnAction(e -> showTemplateDetails(templatePicker));
        MenuItem saveAs = new MenuItem("Save current settings as template…");
        saveAs.setId("template-save-as");
        saveAs.setOnAction(e -> namePrompt.apply(window()).ifPresent(model::saveTemplateAs));
        MenuItem importItem = new MenuItem("Import template…");
        importItem.setId("template-import");
        importItem.setOnAction(e -> {
            File f = templateFiles.pick(window(), false);
            if (f != null) {
                model.importTemplate(f.toPath());
            }
        });
        MenuItem export = new MenuItem("Export template…");
        export.setId("template-export");
        export.setOnAction(e -> {
            File f = templateFiles.pick(window(), true);
            if (f != null) {
                model.exportTemplate(f.toPath());
            }
        });
        Menu menu = new Menu("Templates", null, details, new SeparatorMenuItem(), saveAs, importItem, export);
        menu.setId("template-menu");
        menu.setOnShowing(e -> {
            boolean none = model.templateProperty().get() == null;
            details.setDisable(none);
            saveAs.setDisable(none);
            export.setDisable(none);
        });
        return menu;
    }

    /** Picks a template file to read ({@code save} false) or to write. */
    @FunctionalInterface
    interface TemplateFiles {
        File pick(Window owner, boolean save);
    }

    private TemplateFiles templateFiles = this::chooseTemplateFile;

    /** Where each chooser opens: the user's home, then the folder used last with it. */
    private final org.stllisting.ui.ChooserFolders chooserFolders = new org.stllisting.ui.ChooserFolders();

    private File chooseTemplateFile(Window owner, boolean save) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Templates (JSON)", "*.json"));
        chooserFolders.place(fc, "template");
        File picked;
        if (save) {
            fc.setTitle("Export template");
            org.stllisting.jobs.template.Template t = model.templateProperty().get();
            fc.setInitialFileName((t == null ? "template" : t.name) + ".json");
            picked = fc.showSaveDialog(owner);
        } else {
            fc.setTitle("Import template");
            picked = fc.showOpenDialog(owner);
        }
        chooserFolders.used("template", picked);
        return picked;
    }

    /** Asks for the new template's name (a text dialog; tests put their own). */
    private java.util.function.Function<Window, java.util.Optional<String>> namePrompt =
            owner -> templateNameDialog(owner).showAndWait().filter(n -> !n.isBlank());

    /** The dialog that asks for the new template's name. */
    static javafx.scene.control.TextInputDialog templateNameDialog(Window owner) {
        javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog();
        ask.initOwner(owner);
        ask.setTitle("Save as template");
        ask.setHeaderText(null);
        ask.setContentText("Name of the new template:");
        ask.getDialogPane().setMinWidth(420);
        org.stllisting.ui.WindowPlacement.keepContentSize(ask);
        return org.stllisting.ui.OwnedWindow.quietWhenClosed(ask);
    }

    TableWarmUp warmUp() {
        return warmUp;
    }

    void setTemplateFiles(TemplateFiles files, java.util.function.Function<Window, java.util.Optional<String>> names) {
        this.templateFiles = files;
        this.namePrompt = names;
    }

    private javafx.stage.Popup templateDetails;
    /** The toolbar's template picker, under which the details panel opens. */
    private javafx.scene.Node templatePicker;

    /** A panel under {@code anchor} that says what the chosen template does; a click elsewhere closes it. */
    private void showTemplateDetails(javafx.scene.Node anchor) {
        Template t = model.templateProperty().get();
        if (t == null || window() == null) {
            return;
        }
        if (templateDetails != null) {
            templateDetails.hide();
        }
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(6);
        box.setId("template-details-panel");
        box.getStyleClass().add("template-details");
        Label title = new Label(t.displayName);
        title.getStyleClass().add("template-details-title");
        title.setMnemonicParsing(false);
        box.getChildren().add(title);
        for (String line : TemplateSummary.lines(t)) {
            Label l = new Label(line);
            l.setWrapText(true);
            l.setMnemonicParsing(false);
            l.setMaxWidth(460);
            box.getChildren().add(l);
        }
        box.setPadding(new Insets(12, 14, 12, 14));
        box.setMaxWidth(490);
        javafx.stage.Popup popup = new javafx.stage.Popup();
        popup.setAutoHide(true);
        popup.getContent().add(box);
        javafx.geometry.Bounds b = anchor == null ? null : anchor.localToScreen(anchor.getBoundsInLocal());
        if (b == null) { // the picker is in the toolbar's overflow: under the menu bar
            b = root.localToScreen(root.getBoundsInLocal());
        }
        popup.show(window(), b.getMinX(), anchor == templatePicker && anchor.localToScreen(0, 0) != null
                ? b.getMaxY() + 4 : b.getMinY() + 30);
        templateDetails = popup;
    }

    /** View ▸ Theme: light or dark, on every window of the program, remembered. */
    private Menu viewMenu() {
        ToggleGroup themes = new ToggleGroup();
        Menu theme = new Menu("Theme");
        for (org.stllisting.ui.Theme t : org.stllisting.ui.Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t == org.stllisting.ui.Theme.DARK ? "Dark" : "Light");
            item.setId("theme-" + t.key());
            item.setUserData(t);
            item.setToggleGroup(themes);
            item.setSelected(model.themeProperty().get() == t);
            item.setOnAction(e -> model.setTheme(t));
            theme.getItems().add(item);
        }
        model.themeProperty().addListener((o, a, b) -> themes.getToggles().forEach(
                toggle -> toggle.setSelected(toggle.getUserData() == b)));
        org.stllisting.ui.Theme.follow(model.themeProperty());
        Menu view = new Menu("View", null, theme);
        view.setId("view-menu");
        return view;
    }

    /**
     * A banner over the status bar once the queue has finished, with its counts; the window comes to the
     * front, and its title says so until it has the focus. With "when done: quit" the program then closes
     * the way Ctrl+Q closes it.
     */
    private HBox doneBanner() {
        Label text = new Label();
        text.setId("done-text");
        text.setMnemonicParsing(false);
        text.textProperty().bind(model.doneProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("Dismiss");
        close.setOnAction(e -> model.dismissDone());
        HBox banner = new HBox(12, text, close);
        banner.setId("done-banner");
        banner.getStyleClass().add("banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.visibleProperty().bind(model.doneProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        model.doneProperty().addListener((o, was, now) -> {
            if (now != null) {
                callAttention();
                if (model.whenDoneProperty().get() == QueueViewModel.WhenDone.QUIT) {
                    onQuit.run();
                }
            }
        });
        return banner;
    }

    /** Brings the window to the front; an unfocused window's title (and taskbar entry) says the queue is done. */
    private void callAttention() {
        if (!(window() instanceof javafx.stage.Stage stage)) {
            return;
        }
        stage.toFront();
        String title = stage.getTitle();
        if (!stage.isFocused() && title != null && !title.startsWith(DONE_TITLE)) {
            stage.setTitle(DONE_TITLE + title);
            javafx.beans.value.ChangeListener<Boolean>[] back = new javafx.beans.value.ChangeListener[1];
            back[0] = (o, was, focused) -> {
                if (focused) {
                    stage.setTitle(title);
                    stage.focusedProperty().removeListener(back[0]);
                }
            };
            stage.focusedProperty().addListener(back[0]);
        }
    }

    private static final String DONE_TITLE = "Done — ";

    /** How long removed jobs can be put back. */
    static final Duration UNDO_TIME = Duration.seconds(10);

    /** "Removed … from the queue — Undo", for {@link #UNDO_TIME} after a removal. */
    private HBox undoBar() {
        Label text = new Label();
        text.setId("undo-text");
        text.setMnemonicParsing(false);
        text.textProperty().bind(model.undoProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button undo = new Button("Undo");
        undo.setId("undo");
        undo.setOnAction(e -> model.undoRemove());
        HBox bar = new HBox(12, text, undo);
        bar.setId("undo-bar");
        bar.getStyleClass().add("banner");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.visibleProperty().bind(model.undoProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        // on the clock, not an animation: the toolkit stays quiet while the bar shows
        java.util.concurrent.ScheduledFuture<?>[] expiry = new java.util.concurrent.ScheduledFuture<?>[1];
        model.undoProperty().addListener((o, was, now) -> {
            if (expiry[0] != null) {
                expiry[0].cancel(false);
                expiry[0] = null;
            }
            if (now != null) {
                expiry[0] = UiClock.after((long) UNDO_TIME.toMillis(), () -> {
                    if (model.undoProperty().get() == now) {
                        model.forgetRemoved();
                    }
                });
            }
        });
        return bar;
    }

    /**
     * The window's keys: Space pauses and resumes the queue (unless a control that takes Space has the focus),
     * Delete removes the selected jobs (with the undo bar). Ctrl+O and Ctrl+Q are the menus' accelerators.
     */
    private void shortcut(javafx.scene.input.KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        javafx.scene.Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        boolean typing = focus instanceof javafx.scene.control.TextInputControl
                || focus instanceof javafx.scene.control.ButtonBase || focus instanceof javafx.scene.control.ComboBoxBase;
        if (e.getCode() == KeyCode.SPACE && !typing && model.processingProperty().get()) {
            if (model.pausedProperty().get()) {
                model.resume();
            } else {
                model.pause();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE && !(focus instanceof javafx.scene.control.TextInputControl)
                && RowActions.of(selectedRows()).remove()) {
            model.removeWithUndo(selectedRows());
            e.consume();
        }
    }

    /** Picks STL files to add (a file chooser; tests put their own). */
    private java.util.function.Function<Window, List<File>> filePicker = owner -> {
        FileChooser fc = new FileChooser();
        fc.setTitle("Add STL files");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("STL files", "*.stl", "*.STL"),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooserFolders.place(fc, "stl");
        List<File> picked = fc.showOpenMultipleDialog(owner);
        if (picked != null && !picked.isEmpty()) {
            chooserFolders.used("stl", picked.get(0));
        }
        return picked;
    };

    void setFilePicker(java.util.function.Function<Window, List<File>> picker) {
        this.filePicker = picker;
    }

    private void tick() {
        model.tick(Instant.now());
    }

    public Parent root() {
        return root;
    }

    TableView<JobRow> tableView() {
        return table;
    }

    private ToolBar toolbar() {
        Button addFiles = new Button("Add files…");
        addFiles.setId("add-files");
        addFiles.setOnAction(e -> chooseFiles());
        Button addFolder = new Button("Add folder…");
        addFolder.setId("add-folder");
        addFolder.setOnAction(e -> chooseFolder());

        ComboBox<Template> templates = new ComboBox<>(model.templates());
        templates.setId("template");
        templates.setConverter(new StringConverter<>() {
            @Override
            public String toString(Template t) {
                return t == null ? "" : t.displayName;
            }

            @Override
            public Template fromString(String s) {
                return null;
            }
        });
        templates.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Template t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.displayName);
                setTooltip(empty || t == null ? null : wrapped(TemplateSummary.text(t)));
            }
        });
        // the model's template is shown; only the user's pick is a choice (it changes the waiting jobs)
        templates.setValue(model.templateProperty().get());
        model.templateProperty().addListener((o, a, b) -> templates.setValue(b));
        templates.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != model.templateProperty().get()) {
                model.chooseTemplate(b);
            }
        });

        Tooltip chosen = wrapped("");
        chosen.textProperty().bind(Bindings.createStringBinding(() -> model.templateProperty().get() == null ? ""
                : TemplateSummary.text(model.templateProperty().get()), model.templateProperty()));
        templates.setTooltip(chosen);
        templatePicker = templates;

        Button output = new Button();
        output.setId("output-folder");
        output.setMnemonicParsing(false); // a folder name's underscores are text
        Tooltip outputPath = new Tooltip();
        outputPath.textProperty().bind(model.outputFolderProperty());
        output.setTooltip(outputPath);
        output.textProperty().bind(Bindings.createStringBinding(() -> {
            String f = model.outputFolderProperty().get();
            return f == null || f.isEmpty() ? "Output folder…" : "Output: " + shorten(f);
        }, model.outputFolderProperty()));
        output.setOnAction(e -> chooseOutput());

        Button start = new Button("Start");
        start.setId("start");
        start.setDefaultButton(true);
        // one way to go on: while the queue processes (paused too: Pause reads Resume) Start is off, and it is
        // off when no job waits
        // and off while the launch checks the last session
        start.disableProperty().bind(model.processingProperty().or(model.waitingProperty().not())
                .or(model.checkingProperty()));
        start.setOnAction(e -> model.start());
        Button pause = new Button();
        pause.setId("pause");
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(model.processingProperty().not());
        pause.setOnAction(e -> {
            if (model.pausedProperty().get()) {
                model.resume();
            } else {
                model.pause();
            }
        });
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.setTooltip(new Tooltip("Stop after the running steps; unfinished jobs resume on the next start"));
        stop.disableProperty().bind(model.processingProperty().not().or(model.stoppingProperty()));
        stop.setOnAction(e -> model.stop(false));
        MenuButton stopOptions = new MenuButton();
        stopOptions.setId("stop-options");
        stopOptions.setTooltip(new Tooltip("Other ways to stop: after the selected job, or now"));
        stopOptions.getItems().setAll(stopAfterJobItem(), stopNowItem());
        stopOptions.disableProperty().bind(model.processingProperty().not());
        stopOptions.setOnShowing(e -> enableStopItems(stopOptions.getItems()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(addFiles, addFolder, new Label("Template:"), templates, output, spacer, start, pause,
                stop, stopOptions);
    }

    private MenuItem stopAfterJobItem() {
        MenuItem item = new MenuItem("Stop after this job");
        item.setId("stop-after-job");
        item.setMnemonicParsing(false);
        item.setOnAction(e -> model.stopAfter(table.getSelectionModel().getSelectedItem()));
        return item;
    }

    private MenuItem stopNowItem() {
        MenuItem item = new MenuItem("Stop now");
        item.setId("stop-now");
        item.setMnemonicParsing(false);
        item.setOnAction(e -> model.stop(true));
        return item;
    }

    /**
     * Stop after this job needs the selected job to be running; stop now applies while the queue runs, also
     * after a gentler stop was asked for.
     */
    private void enableStopItems(List<MenuItem> items) {
        for (MenuItem i : items) {
            if ("stop-after-job".equals(i.getId())) {
                JobRow row = table.getSelectionModel().getSelectedItem();
                i.setDisable(!model.canStopAfter(row));
                i.setText(row != null && model.canStopAfter(row) ? "Stop after " + row.nameProperty().get()
                        : "Stop after this job");
            } else if ("stop-now".equals(i.getId())) {
                i.setDisable(!model.processingProperty().get());
            }
        }
    }

    private TableView<JobRow> table() {
        table.setId("queue");
        table.setItems(model.rows());
        warmUp = TableWarmUp.watch(table);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("Drop STL files or folders here, or use Add files…");
        placeholder.getStyleClass().add("placeholder");
        table.setPlaceholder(placeholder);

        TableColumn<JobRow, Image> thumb = new TableColumn<>("");
        thumb.setCellValueFactory(c -> c.getValue().thumbnailProperty());
        // the cells in view ask for their rows' thumbnails
        thumb.setCellFactory(c -> new ThumbnailCell(model));
        thumb.setPrefWidth(60);
        thumb.setMinWidth(60);
        thumb.setMaxWidth(60);
        thumb.setSortable(false);

        TableColumn<JobRow, String> name = new TableColumn<>("Model");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setPrefWidth(200);
        name.setMinWidth(110);

        TableColumn<JobRow, JobState> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        state.setCellFactory(c -> new TableCell<>() {
            /** The cell's {@code state-} style class, or null; changed only when the state shown changes. */
            private String shownClass;
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(JobState s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    styleAs(null);
                    tip(tip, this, null);
                    return;
                }
                JobRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && row.hasProblems()) {
                    // completed, but the model still has problems: amber, with what they are
                    setText("Problems");
                    styleAs("state-problems");
                    tip(tip, this, "Completed, but the model still has problems: " + row.problemsProperty().get());
                    return;
                }
                setText(s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT));
                styleAs("state-" + s.name().toLowerCase(java.util.Locale.ROOT));
                tip(tip, this, row == null ? null : row.errorProperty().get());
            }

            /**
             * Gives the cell this style class: a change of style class makes the cell's style be looked up
             * again, so a cell reused for a row in the same state (scrolling a long queue) keeps its own.
             */
            private void styleAs(String k) {
                if (java.util.Objects.equals(k, shownClass)) {
                    return;
                }
                if (shownClass != null) {
                    getStyleClass().remove(shownClass);
                }
                if (k != null) {
                    getStyleClass().add(k);
                }
                shownClass = k;
            }
        });
        state.setPrefWidth(100);
        state.setMinWidth(100); // "Completed", "Cancelled" and "Problems" whole

        TableColumn<JobRow, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        progress.setPrefWidth(130);
        progress.setMinWidth(90);

        TableColumn<JobRow, String> template = new TableColumn<>("Template");
        template.setId("template-column");
        template.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> TemplateCell.text(model.templateLabel(c.getValue().templateProperty().get()),
                        c.getValue().ownSettingsProperty().get()), c.getValue().templateProperty(),
                c.getValue().ownSettingsProperty(), model.templates(), model.queueTemplateProperty()));
        template.setCellFactory(c -> new TemplateCell());
        template.setPrefWidth(165);
        template.setMinWidth(110);

        TableColumn<JobRow, String> step = new TableColumn<>("Step");
        step.setCellValueFactory(c -> c.getValue().messageProperty());
        step.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = wrapped("");

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                JobRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String err = row == null ? null : row.errorProperty().get();
                // the whole error, path included, a hover away
                tip(tip, this, err != null ? err : text != null && !text.isEmpty() ? text : null);
            }
        });
        step.setPrefWidth(250);
        step.setMinWidth(130);

        TableColumn<JobRow, String> eta = new TableColumn<>("ETA");
        eta.setCellValueFactory(c -> c.getValue().etaProperty());
        eta.setPrefWidth(80);
        eta.setMinWidth(64);

        TableColumn<JobRow, String> duration = new TableColumn<>("Duration");
        duration.setCellValueFactory(c -> c.getValue().durationProperty());
        duration.setPrefWidth(100);
        duration.setMinWidth(76);

        table.getColumns().setAll(List.of(thumb, name, state, progress, template, step, eta, duration));
        table.setRowFactory(t -> draggable(problemsMarkedRow()));
        table.setFixedCellSize(56);
        table.setContextMenu(contextMenu());
        return table;
    }

    /**
     * Shows {@code text} in the cell's own tooltip, or no tooltip for null: one tooltip per cell, its text
     * changed, rather than a new one at every update of a cell (each scroll of the table).
     */
    private static void tip(Tooltip tip, TableCell<?, ?> cell, String text) {
        if (text == null) {
            cell.setTooltip(null);
            return;
        }
        tip.setText(text);
        cell.setTooltip(tip);
    }

    private static Tooltip wrapped(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(700);
        return t;
    }

    /** The context menu; its items are enabled by the selected jobs' states each time it opens. */
    private ContextMenu contextMenu() {
        MenuItem cancel = new MenuItem("Cancel");
        cancel.setOnAction(e -> model.cancel(selectedIds()));
        MenuItem retry = new MenuItem("Retry");
        retry.setOnAction(e -> model.retry(selectedIds()));
        MenuItem runAgain = new MenuItem("Run again");
        runAgain.setOnAction(e -> model.runAgain(selectedIds()));
        MenuItem retryFailed = new MenuItem("Retry all failed");
        retryFailed.setOnAction(e -> model.retryAllFailed());
        MenuItem up = new MenuItem("Move up");
        up.setOnAction(e -> model.move(selectedIds(), -1));
        MenuItem down = new MenuItem("Move down");
        down.setOnAction(e -> model.move(selectedIds(), 1));
        MenuItem remove = new MenuItem("Remove");
        remove.setOnAction(e -> model.removeWithUndo(selectedRows()));
        MenuItem clear = new MenuItem("Clear finished");
        clear.setOnAction(e -> model.clearFinished());
        MenuItem open = new MenuItem("Open output folder");
        open.setOnAction(e -> openOutput());
        MenuItem settings = new MenuItem("Change settings…");
        settings.setId("change-settings");
        settings.setOnAction(e -> OverridesDialog.create(table.getScene().getWindow(), model, selectedRows()).show());
        for (MenuItem item : List.of(cancel, retry, runAgain, retryFailed, up, down, remove, clear, open, settings)) {
            item.setMnemonicParsing(false);
        }
        ContextMenu menu = new ContextMenu(cancel, retry, runAgain, retryFailed, new SeparatorMenuItem(), up, down,
                remove,
                clear, new SeparatorMenuItem(), settings, open);
        menu.setOnShowing(e -> {
            RowActions a = RowActions.of(selectedRows());
            QueueCounts all = model.counts();
            cancel.setDisable(!a.cancel());
            retry.setDisable(!a.retry());
            runAgain.setDisable(!a.runAgain());
            retryFailed.setDisable(all.failed() == 0);
            up.setDisable(!a.move());
            down.setDisable(!a.move());
            remove.setDisable(!a.remove());
            clear.setDisable(all.completed() + all.cancelled() + all.skipped() == 0);
            open.setDisable(!a.openOutput());
            settings.setDisable(!OverridesDialog.applies(selectedRows()));
        });
        return menu;
    }

    /** Jobs dragged within the table: their ids, one a line. */
    static final javafx.scene.input.DataFormat JOB_IDS = new javafx.scene.input.DataFormat(
            "application/x-stl-listing-job-ids");
    private static final javafx.css.PseudoClass DROP_ABOVE = javafx.css.PseudoClass.getPseudoClass("drop-above");
    private static final javafx.css.PseudoClass DROP_BELOW = javafx.css.PseudoClass.getPseudoClass("drop-below");

    /**
     * Lets the selected rows be dragged to another place in the queue; the row under the pointer shows a line
     * where they will go (above it in its upper half, below it in its lower half, below the last row past the
     * end).
     */
    private TableRow<JobRow> draggable(TableRow<JobRow> row) {
        row.setOnDragDetected(e -> {
            if (row.isEmpty()) {
                return;
            }
            if (!row.isSelected()) {
                table.getSelectionModel().clearAndSelect(row.getIndex());
            }
            javafx.scene.input.Dragboard board = row.startDragAndDrop(TransferMode.MOVE);
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.put(JOB_IDS, String.join("\n", selectedIds()));
            board.setContent(content);
            board.setDragView(row.snapshot(null, null));
            e.consume();
        });
        row.setOnDragOver(e -> {
            if (!e.getDragboard().hasContent(JOB_IDS)) {
                return;
            }
            e.acceptTransferModes(TransferMode.MOVE);
            boolean below = row.isEmpty() || e.getY() >= row.getHeight() / 2;
            row.pseudoClassStateChanged(DROP_ABOVE, !below);
            row.pseudoClassStateChanged(DROP_BELOW, below && !row.isEmpty());
            e.consume();
        });
        row.setOnDragExited(e -> {
            row.pseudoClassStateChanged(DROP_ABOVE, false);
            row.pseudoClassStateChanged(DROP_BELOW, false);
        });
        row.setOnDragDropped(e -> {
            if (!e.getDragboard().hasContent(JOB_IDS)) {
                return;
            }
            row.pseudoClassStateChanged(DROP_ABOVE, false);
            row.pseudoClassStateChanged(DROP_BELOW, false);
            int before = row.isEmpty() ? model.rows().size()
                    : row.getIndex() + (e.getY() >= row.getHeight() / 2 ? 1 : 0);
            List<String> ids = List.of(String.valueOf(e.getDragboard().getContent(JOB_IDS)).split("\n"));
            model.moveBefore(ids, before);
            e.setDropCompleted(true);
            e.consume();
        });
        return row;
    }

    private static final javafx.css.PseudoClass PROBLEMS = javafx.css.PseudoClass.getPseudoClass("problems");

    /** A table row marked {@code :problems} (amber) while its job's model still has problems. */
    private static TableRow<JobRow> problemsMarkedRow() {
        TableRow<JobRow> row = new TableRow<>();
        javafx.beans.value.ChangeListener<String> mark = (o, was, now) -> row.pseudoClassStateChanged(PROBLEMS,
                now != null);
        row.itemProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.problemsProperty().removeListener(mark);
            }
            if (now != null) {
                now.problemsProperty().addListener(mark);
            }
            row.pseudoClassStateChanged(PROBLEMS, now != null && now.hasProblems());
        });
        return row;
    }

    private HBox statusBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("queue-progress");
        bar.progressProperty().bind(model.queueProgressProperty());
        bar.setPrefWidth(160);
        bar.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long notice beside it never squeezes it away
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        status.setMnemonicParsing(false);
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long notice beside it never hides it
        Label notice = new Label();
        notice.setId("notice");
        notice.textProperty().bind(model.noticeProperty());
        // a notice longer than the room beside the counts goes on to a second line (the bar grows only then);
        // a longer one is cut there, and the whole text is a hover away
        notice.setWrapText(true);
        notice.maxHeightProperty().bind(notice.fontProperty().map(f -> Math.ceil(f.getSize() * 2.7)));
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.noticeProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(700);
        notice.setTooltip(whole);
        notice.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        HBox box = new HBox(12, bar, status, notice);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.getStyleClass().add("status-bar");
        return box;
    }

    // ------------------------------------------------------------------------------------------ actions

    private List<String> selectedIds() {
        return selectedRows().stream().map(JobRow::id).toList();
    }

    private List<JobRow> selectedRows() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            root.pseudoClassStateChanged(DROP_TARGET, true);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        root.pseudoClassStateChanged(DROP_TARGET, false);
        boolean ok = false;
        if (e.getDragboard().hasFiles()) {
            model.add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            ok = true;
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** The window this is shown in, or null before it is shown: the owner of its dialogs and tool windows. */
    public Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void chooseFiles() {
        List<File> files = filePicker.apply(window());
        if (files != null && !files.isEmpty()) {
            model.add(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Add a folder of STL files");
        chooserFolders.place(dc, "stl-folder");
        File dir = dc.showDialog(window());
        chooserFolders.used("stl-folder", dir == null ? null : dir.getAbsoluteFile().getParentFile());
        if (dir != null) {
            model.add(List.of(dir.toPath()));
        }
    }

    private void chooseOutput() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Output folder");
        String current = model.outputFolderProperty().get();
        if (current != null && !current.isEmpty() && Files.isDirectory(Path.of(current))) {
            dc.setInitialDirectory(new File(current));
        } else {
            chooserFolders.place(dc, "output");
        }
        File dir = dc.showDialog(window());
        if (dir != null) {
            model.setOutputFolder(dir.toPath());
        }
    }

    private void openOutput() {
        JobRow row = table.getSelectionModel().getSelectedItem();
        String folder = row == null || row.outputFolder() == null ? model.outputFolderProperty().get()
                : row.outputFolder();
        if (folder == null || folder.isEmpty()) {
            return;
        }
        org.stllisting.ui.OpenFolder.open(java.nio.file.Path.of(folder), model::reportError);
    }

    /** The job the table's selection points at (the focused one of several), or null. */
    public javafx.beans.value.ObservableValue<JobRow> selectedRow() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** Puts {@code pane} (the selected job's details) to the right of the queue table. */
    public void showBeside(javafx.scene.Node pane) {
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, pane);
        // the table keeps its columns readable (their minimum widths, a scroll bar and the borders); the pane
        // has what is left, down to its own minimum
        table.setMinWidth(table.getColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 18);
        split.setDividerPositions(0.64);
        javafx.scene.control.SplitPane.setResizableWithParent(pane, false);
        root.setCenter(split);
    }

    /** Adds {@code items} to the File menu, above Quit, between separators. */
    public void addToFileMenu(MenuItem... items) {
        int quit = fileMenu.getItems().size() - 1;
        fileMenu.getItems().addAll(quit, List.of(items));
        fileMenu.getItems().add(quit + items.length, new SeparatorMenuItem());
    }

    /** Adds {@code tool} (a window of its own to open) on the menu bar's row, right of the menus. */
    public void addTool(javafx.scene.Node tool) {
        // beside the menus, so that the toolbar keeps its room for Start, Pause and Stop at any width
        javafx.scene.Node top = root.getTop();
        if (top instanceof javafx.scene.layout.VBox box) {
            for (int i = 0; i < box.getChildren().size(); i++) {
                javafx.scene.Node n = box.getChildren().get(i);
                if (n instanceof javafx.scene.control.MenuBar menus) {
                    box.getChildren().remove(i); // before the row takes it: a node has one parent
                    HBox row = new HBox(4, menus);
                    row.setId("menu-row");
                    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                    row.getStyleClass().add("menu-row");
                    HBox.setHgrow(menus, Priority.ALWAYS);
                    box.getChildren().add(i, row);
                    n = row;
                }
                if (n instanceof HBox row && "menu-row".equals(row.getId())) {
                    row.getChildren().add(tool);
                    return;
                }
            }
        }
        ToolBar bar = top instanceof ToolBar t ? t : top instanceof javafx.scene.layout.Pane p
                ? p.getChildren().stream().filter(ToolBar.class::isInstance).map(ToolBar.class::cast).findFirst()
                        .orElse(null) : null;
        if (bar == null) {
            return;
        }
        int spacer = 0;
        while (spacer < bar.getItems().size() && HBox.getHgrow(bar.getItems().get(spacer)) != Priority.ALWAYS) {
            spacer++;
        }
        bar.getItems().add(spacer, tool);
    }

    private static String shorten(String path) {
        String home = System.getProperty("user.home");
        String p = home != null && path.startsWith(home) ? "~" + path.substring(home.length()) : path;
        return p.length() > 48 ? "…" + p.substring(p.length() - 47) : p;
    }

}
