package org.stllisting.store.queue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.stllisting.store.Home;

/**
 * The process the crash test kills: applies {@link CrashScript} changes from a given number on, forever,
 * printing {@code ACK k} only once change k is durable, while a second thread keeps changing its own job.
 * Folds often so that kills also land mid-snapshot.
 */
public final class QueueCrashChild {
    private QueueCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Home home = Home.at(Path.of(args[0]));
        int k = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        QueueStateStore.Options opts = new QueueStateStore.Options(3, 4 * 1024, 0.5, 5, Duration.ofSeconds(1));
        QueueStateStore s = QueueStateStore.open(home, opts);
        // a second writer, never acknowledged, so that kills also land while two threads share a force()
        if (s.job(CrashScript.TICKER) == null) {
            s.addJobs(java.util.List.of(JobDto.pending(CrashScript.TICKER, "/models/ticker.stl")));
        }
        Thread ticker = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    s.updateJob(CrashScript.TICKER, j -> {
                        j.state = JobState.RUNNING;
                        return j;
                    });
                    for (int p = 0; p < 7; p++) {
                        s.progress(CrashScript.TICKER, p * 10, "tick " + i, null);
                    }
                    s.updateJob(CrashScript.TICKER, j -> {
                        j.state = JobState.PENDING;
                        return j;
                    });
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(2);
            }
        }, "ticker");
        ticker.setDaemon(true);
        ticker.start();
        out.println("READY " + s.size());
        while (true) {
            CrashScript.apply(s, k);
            out.println("ACK " + k);
            k++;
        }
    }
}
