package org.stllisting.store.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deterministic sequence of queue changes the crash test applies: change {@code k} depends only on
 * {@code k}, so the state after changes 0..k can be computed without the store and compared with what the
 * store loads after a {@code kill -9}.
 */
final class CrashScript {
    private CrashScript() {
    }

    /** The job of the child's second writer; not part of the script, left out of comparisons. */
    static final String TICKER = "ticker";

    static String id(int k) {
        return "j" + k;
    }

    /** Applies change {@code k} to a live store; returns only once it is durable. */
    static void apply(QueueStateStore s, int k) throws Exception {
        switch (k % 6) {
            case 0 -> s.addJobs(List.of(JobDto.pending(id(k), "/models/m" + k + ".stl")));
            case 1 -> s.updateJob(id(k - 1), j -> {
                j.state = JobState.RUNNING;
                j.currentStep = "validate";
                j.attempts = 1;
                return j;
            });
            case 2 -> {
                for (int p = 1; p <= 3; p++) {
                    s.progress(id(k - 2), p * 10, "validating " + p, 30.0);
                }
                s.updateJob(id(k - 2), j -> {
                    j.lastCompletedStep = "validate";
                    j.currentStep = "render";
                    j.progress = 50;
                    return j;
                });
            }
            case 3 -> s.updateJob(id(k - 3), j -> {
                j.state = JobState.COMPLETED;
                j.lastCompletedStep = "finalize";
                j.currentStep = null;
                j.progress = 100;
                return j;
            });
            case 4 -> s.moveJobs(List.of(id(k - 4)), 0);
            default -> {
                if ((k / 6) % 2 == 1) {
                    s.removeJobs(List.of(id(k - 11)));
                } else {
                    QueueSettingsDto q = new QueueSettingsDto();
                    q.maxConcurrentJobs = k % 7 + 1;
                    s.updateSettings(q);
                }
            }
        }
    }

    /** One job as the script sees it. */
    record J(String id, JobState state, String currentStep, String lastCompletedStep, double progress) {
    }

    /** The expected queue after changes 0..k (k = -1: empty). */
    record Expected(List<J> jobs, int maxConcurrent) {
    }

    static Expected expected(int last) {
        LinkedHashMap<String, J> jobs = new LinkedHashMap<>();
        int max = new QueueSettingsDto().maxConcurrentJobs;
        for (int k = 0; k <= last; k++) {
            switch (k % 6) {
                case 0 -> jobs.put(id(k), new J(id(k), JobState.PENDING, null, null, 0));
                case 1 -> jobs.put(id(k - 1), new J(id(k - 1), JobState.RUNNING, "validate", null, 0));
                case 2 -> jobs.put(id(k - 2), new J(id(k - 2), JobState.RUNNING, "render", "validate", 50));
                case 3 -> jobs.put(id(k - 3), new J(id(k - 3), JobState.COMPLETED, null, "finalize", 100));
                case 4 -> {
                    J j = jobs.remove(id(k - 4));
                    LinkedHashMap<String, J> next = new LinkedHashMap<>();
                    next.put(j.id(), j);
                    next.putAll(jobs);
                    jobs = next;
                }
                default -> {
                    if ((k / 6) % 2 == 1) {
                        jobs.remove(id(k - 11));
                    } else {
                        max = k % 7 + 1;
                    }
                }
            }
        }
        return new Expected(new ArrayList<>(jobs.values()), max);
    }

    static Expected of(QueueStateDto s) {
        List<J> jobs = new ArrayList<>();
        for (JobDto j : s.jobs) {
            if (!j.id.equals(TICKER)) {
                jobs.add(new J(j.id, j.state, j.currentStep, j.lastCompletedStep, j.progress));
            }
        }
        return new Expected(jobs, s.queueSettings.maxConcurrentJobs);
    }

    /**
     * True when {@code s} is the state after changes 0..last. Progress is saved at least as often as asked,
     * and another thread's commit may save it early: the progress updates of the next, unacknowledged
     * change (10, 20, 30 before its step change) may already be there.
     */
    static boolean matches(QueueStateDto s, int last) {
        Expected want = expected(last);
        Expected got = of(s);
        if (Objects.equals(got, want)) {
            return true;
        }
        int next = last + 1;
        if (next % 6 != 2 || got.jobs().size() != want.jobs().size() || got.maxConcurrent() != want.maxConcurrent()) {
            return false;
        }
        String inFlight = id(next - 2);
        for (int i = 0; i < want.jobs().size(); i++) {
            J w = want.jobs().get(i);
            J g = got.jobs().get(i);
            if (w.id().equals(inFlight) && g.id().equals(inFlight)) {
                J relaxed = new J(g.id(), g.state(), g.currentStep(), g.lastCompletedStep(), w.progress());
                if (!relaxed.equals(w) || !(g.progress() == 10 || g.progress() == 20 || g.progress() == 30)) {
                    return false;
                }
            } else if (!w.equals(g)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> describe(QueueStateDto s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", of(s).jobs().size());
        return m;
    }
}
