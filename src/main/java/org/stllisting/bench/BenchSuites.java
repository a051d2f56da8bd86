package org.stllisting.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark suites of the core packages, in the order they run (the command line adds the window's). */
public final class BenchSuites {
    private BenchSuites() {
    }

    public static List<BenchSuite> all() {
        List<BenchSuite> suites = new ArrayList<>();

        suites.add(new QueueStateBench());

        suites.add(new MeshBench());

        suites.add(new RenderBench());

        suites.add(new RunnerBench());

        suites.add(new SessionsBench());

        suites.add(new CleanupBench());

        return suites;
    }
}
