package org.stllisting.jobs.runner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Jobs removed from the queue as they were, with their places, for {@link QueueRunner#putBack}: an undo of
 * the removal. Only the runner reads what it holds.
 */
public final class Removal {
    static final Removal NONE = new Removal(List.of(), List.of());

    private final List<JobDto> jobs;
    private final List<Integer> places;

    private Removal(List<JobDto> jobs, List<Integer> places) {
        this.jobs = jobs;
        this.places = places;
    }

    /** Copies of the jobs {@code ids} with their queue positions, in queue order. */
    static Removal of(QueueStateStore store, List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        return store.read(q -> {
            List<JobDto> jobs = new ArrayList<>();
            List<Integer> places = new ArrayList<>();
            int i = 0;
            for (JobDto j : q.jobs()) {
                if (wanted.contains(j.id)) {
                    jobs.add(j.copy());
                    places.add(i);
                }
                i++;
            }
            return new Removal(List.copyOf(jobs), List.copyOf(places));
        });
    }

    /** How many jobs were removed. */
    public int size() {
        return jobs.size();
    }

    /** The removed jobs' ids, in queue order. */
    public List<String> ids() {
        return jobs.stream().map(j -> j.id).toList();
    }

    JobDto job(int i) {
        return jobs.get(i).copy();
    }

    int place(int i) {
        return places.get(i);
    }
}
