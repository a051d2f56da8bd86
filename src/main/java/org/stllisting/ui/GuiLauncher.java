package org.stllisting.ui;

import java.io.PrintWriter;
import javafx.application.Application;
import org.slf4j.LoggerFactory;
import org.stllisting.app.AppContext;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;

/** Opens the queue window on a home: the {@code gui} subcommand and the launcher without arguments. */
public final class GuiLauncher {
    /** Exit codes, as the command line's (README, Command line). */
    private static final int OK = 0;
    private static final int USAGE = 2;
    private static final int LOCKED = 3;

    private GuiLauncher() {
    }

    /** Blocks until the window is closed; returns the process exit code. */
    public static int launch(Home home, PrintWriter err) {
        if (!hasDisplay()) {
            err.println("stl-listing: no display to open the window on (DISPLAY is not set); "
                    + "use the command line instead: stl-listing --help");
            return USAGE;
        }
        AppContext ctx;
        try {
            ctx = AppContext.exclusive(home);
        } catch (InstanceLock.LockedException e) {
            err.println("stl-listing: " + e.getMessage());
            return LOCKED;
        } catch (Exception e) {
            LoggerFactory.getLogger(GuiLauncher.class).error("cannot open the home {}", home.root(), e);
            err.println("stl-listing: cannot open " + home.root() + ": " + e.getMessage());
            return USAGE;
        }
        StlListingApp.handOver(ctx);
        JavaFxWarnings.quietClassPathNotice();
        drawRegionsDirectly();
        try {
            Application.launch(StlListingApp.class);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(GuiLauncher.class).error("cannot start the window", e);
            err.println(whyNoWindow(e));
            return USAGE;
        }
        return OK;
    }

    /** The one line that tells the user why the window did not open and what to do. */
    static String whyNoWindow(Throwable e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (what.contains("GTK")) {
            return "stl-listing: the window needs the GTK 3 libraries, which this system lacks (" + what
                    + "); on Debian or Ubuntu: apt-get install libgtk-3-0. The command line works without them: "
                    + "stl-listing --help";
        }
        return "stl-listing: cannot open the window: " + what;
    }

    /**
     * Before the toolkit starts: regions (rows, cells, bars) are drawn directly rather than from cached
     * images. Without a GPU (a remote desktop, a virtual display) JavaFX draws in software, and there copying
     * every row's cached background at every frame kept the UI thread waiting 250 ms a frame with a long
     * queue (its median wait 0.1 ms without). Left alone when the user set {@code prism.disableRegionCaching}.
     */
    static void drawRegionsDirectly() {
        if (System.getProperty("prism.disableRegionCaching") == null) {
            System.setProperty("prism.disableRegionCaching", "true");
        }
    }

    static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
