package org.stllisting.cli;

import java.io.IOException;
import org.stllisting.app.AppContext;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a command reaches the application home. Commands that change the queue use {@link #exclusive}: when
 * another instance holds the home it throws {@link InstanceLock.LockedException}, which the root command
 * turns into exit code 3 and a message naming the holder's pid. Read-only commands use {@link #readOnly}
 * and work while another instance runs.
 */
public final class HomeAccess {
    private HomeAccess() {
    }

    public static Home home(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof StlListingCommand cmd) {
            return cmd.home();
        }
        return Home.resolve(null);
    }

    public static AppContext exclusive(CommandSpec spec) throws InstanceLock.LockedException, IOException {
        return AppContext.exclusive(home(spec));
    }

    public static AppContext readOnly(CommandSpec spec) {
        return AppContext.readOnly(home(spec));
    }
}
