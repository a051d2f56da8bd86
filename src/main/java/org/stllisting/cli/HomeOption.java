package org.stllisting.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option, accepted by every subcommand. */
public final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Application home (default: $STL_LISTING_HOME or ~/.local/stl_listing_tool).")
    Path home;

    public Path value() {
        return home;
    }
}
