package org.stllisting.ui.mainwindow;

import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import org.stllisting.ui.UiClock;

/**
 * Lays the queue table out at a few other places of a long queue, out of sight, once it first holds one. The
 * first scrolls of a long queue ran the table's layout (new rows in every cell, their text measured and cut to
 * the columns) in code the JVM had not compiled yet: the first pulses after a jump took 55–70 ms where later
 * ones take under 20 (see docs/PERFORMANCE.md, "The window at 10,000 jobs"). Each pass jumps, lays the table out,
 * draws it into an image of its own (the drawing of new rows was cold too) and comes back, within one task on
 * the UI thread: nothing of it reaches the screen, and the user's place, selection and focus stay as they were.
 * The passes are spread out so that the window answers between them. Rows laid out only by a pass ask for no
 * thumbnail ({@link #isWarming}). {@code -Dstl.tableWarmUp=false} turns it off and {@code =layout} leaves out
 * the drawing, to compare.
 */
final class TableWarmUp {
    /** A queue at least this long is warmed; a shorter one hardly scrolls. */
    static final int LONG_QUEUE = 200;
    /** How many passes, and the time between them (and before the first, for the table's first drawing). */
    static final int PASSES = 12;
    static final long PAUSE_MS = 60;
    private static final String WARMING = TableWarmUp.class.getName();
    private static final boolean ON = !"false".equals(System.getProperty("stl.tableWarmUp"));
    private static final boolean DRAW = !"layout".equals(System.getProperty("stl.tableWarmUp"));

    private final TableView<?> table;
    private boolean started;
    private int passes;
    private int waited;
    private int draws;
    /** The image the passes draw the table into, reused (it is dropped when they are done). */
    private javafx.scene.image.WritableImage drawn;

    private TableWarmUp(TableView<?> table) {
        this.table = table;
    }

    /** Warms {@code table} once, when its items first make a long queue (the UI thread). */
    static TableWarmUp watch(TableView<?> table) {
        TableWarmUp w = new TableWarmUp(table);
        table.getItems().addListener((ListChangeListener<Object>) c -> w.startWhenLong());
        w.startWhenLong();
        return w;
    }

    /** True while a pass lays {@code table} out: what its cells show then is not in view. */
    static boolean isWarming(TableView<?> table) {
        return table != null && table.getProperties().containsKey(WARMING);
    }

    /** The passes that drew the table so far (out of sight). */
    int draws() {
        return draws;
    }

    /** The passes done so far. */
    int passes() {
        return passes;
    }

    private void startWhenLong() {
        if (!started && table.getItems().size() >= LONG_QUEUE && ON) {
            started = true;
            UiClock.after(PAUSE_MS, this::pass);
        }
    }

    private void pass() {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        int rows = table.getItems().size();
        if (flow == null || table.getScene() == null || table.getScene().getWindow() == null
                || !table.getScene().getWindow().isShowing() || rows < LONG_QUEUE) {
            // not shown yet (or the queue went): try again a while, then let it be (it only saves time)
            if (++waited < 20) {
                UiClock.after(PAUSE_MS * 5, this::pass);
            }
            return;
        }
        double at = flow.getPosition();
        table.getProperties().put(WARMING, Boolean.TRUE);
        try {
            // spread over the queue, each pass somewhere else
            flow.scrollTo((int) ((long) rows * (2 * passes + 1) / (2 * PASSES)));
            table.layout();
            if (DRAW) {
                // drawn into an image of its own, never onto the screen: the drawing of new rows warms too
                drawn = table.snapshot(null, drawn);
                draws++;
            }
            flow.setPosition(at);
            table.layout();
        } finally {
            table.getProperties().remove(WARMING);
        }
        if (++passes < PASSES) {
            UiClock.after(PAUSE_MS, this::pass);
        } else {
            drawn = null;
        }
    }
}
