package org.stllisting.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several command lines one after another in one JVM: {@code inspect a.stl --json ; render a.stl --out
 * b.png}. The launcher's start-up training uses it to record, in one short run, the classes every one-file command
 * loads (one JVM instead of one per command: a second instead of several). The exit code is the first non-zero
 * command's, or 0; every command runs even after a failure.
 */
public final class CommandSequence {
    /** The argument that separates one command line from the next. */
    public static final String SEPARATOR = ";";

    private CommandSequence() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs each command line of {@code args} (split at {@link #SEPARATOR}); empty command lines are skipped. */
    public static int run(String... args) {
        int code = 0;
        for (String[] line : split(args)) {
            int c = StlListingCommand.execute(line);
            if (code == 0) {
                code = c;
            }
        }
        return code;
    }

    static List<String[]> split(String... args) {
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(SEPARATOR)) {
                if (i > start) {
                    lines.add(Arrays.copyOfRange(args, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
