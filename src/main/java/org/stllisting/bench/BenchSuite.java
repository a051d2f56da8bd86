package org.stllisting.bench;

/**
 * One group of benchmarks run by {@code stl-listing bench}. A suite generates its own inputs under
 * {@link BenchContext#workDir()}, measures, and reports tables through the context.
 */
public interface BenchSuite {
    /** Short name used by {@code bench --only NAME}. */
    String name();

    /** A heading for the results. */
    String title();

    void run(BenchContext ctx) throws Exception;
}
