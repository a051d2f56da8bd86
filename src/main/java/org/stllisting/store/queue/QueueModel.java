package org.stllisting.store.queue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live queue in memory: the document without its jobs, plus the jobs by id in queue order. Journal
 * records are applied to it; it is not thread-safe (the store guards it with its state lock).
 */
final class QueueModel {
    QueueStateDto head;
    LinkedHashMap<String, JobDto> jobs = new LinkedHashMap<>();
    /** How many jobs are in each state, kept with every change so that nobody counts the whole queue. */
    final EnumMap<JobState, Integer> counts = new EnumMap<>(JobState.class);

    static QueueModel of(QueueStateDto state) {
        QueueModel m = new QueueModel();
        m.replace(state);
        return m;
    }

    /** Takes over the given state's job objects; its job list itself is left alone. */
    void replace(QueueStateDto state) {
        head = new QueueStateDto();
        head.version = state.version;
        head.queueSessionId = state.queueSessionId;
        head.createdAt = state.createdAt;
        head.lastUpdated = state.lastUpdated;
        head.template = state.template;
        head.sessionState = state.sessionState;
        head.queueSettings = state.queueSettings;
        head.globalRenderOptions = state.globalRenderOptions;
        head.globalValidationOptions = state.globalValidationOptions;
        jobs = new LinkedHashMap<>();
        for (JobState st : JobState.values()) {
            counts.put(st, 0);
        }
        for (JobDto j : state.jobs) {
            put(j);
        }
    }

    /** Puts a job in (replacing the one with its id, position kept) and keeps the counts. */
    private void put(JobDto j) {
        JobDto old = jobs.put(j.id, j);
        if (old != null) {
            counts.merge(old.state, -1, Integer::sum);
        }
        counts.merge(j.state, 1, Integer::sum);
    }

    private void remove(String id) {
        JobDto old = jobs.remove(id);
        if (old != null) {
            counts.merge(old.state, -1, Integer::sum);
        }
    }

    QueueStateDto toDto(long seq) {
        QueueStateDto d = new QueueStateDto();
        d.version = QueueStateDto.CURRENT_VERSION;
        d.queueSessionId = head.queueSessionId;
        d.createdAt = head.createdAt;
        d.lastUpdated = head.lastUpdated;
        d.template = head.template;
        d.sessionState = head.sessionState;
        d.queueSettings = head.queueSettings;
        d.globalRenderOptions = head.globalRenderOptions;
        d.globalValidationOptions = head.globalValidationOptions;
        d.jobs = new ArrayList<>(jobs.values());
        d.journalSeq = seq;
        return d;
    }

    static String consistencyProblem(QueueStateDto s) {
        if (s.jobs == null) {
            return "no job list";
        }
        if (s.queueSettings == null) {
            return "no queue settings";
        }
        Set<String> ids = new HashSet<>();
        for (JobDto j : s.jobs) {
            if (j == null || j.id == null || j.id.isBlank()) {
                return "a job without an id";
            }
            if (!ids.add(j.id)) {
                return "job id " + j.id + " appears twice";
            }
            if (j.state == null) {
                return "job " + j.id + " has no state";
            }
            if (j.stlPath == null) {
                return "job " + j.id + " has no stl_path";
            }
        }
        if (s.globalRenderOptions == null) {
            s.globalRenderOptions = new LinkedHashMap<>();
        }
        if (s.globalValidationOptions == null) {
            s.globalValidationOptions = new LinkedHashMap<>();
        }
        if (s.sessionState == null) {
            s.sessionState = SessionState.STOPPED;
        }
        return null;
    }

    void apply(JournalRecord r) {
        switch (r.op) {
            case "add" -> {
                for (JobDto j : r.jobs) {
                    if (jobs.containsKey(j.id)) {
                        throw new IllegalArgumentException("job " + j.id + " is already queued");
                    }
                }
                for (JobDto j : r.jobs) {
                    put(j.copy());
                }
            }
            case "remove" -> r.ids.forEach(this::remove);
            case QueueStateStore.PUT_BACK -> {
                for (JobDto j : r.jobs) {
                    if (jobs.containsKey(j.id)) {
                        throw new IllegalArgumentException("job " + j.id + " is already queued");
                    }
                }
                List<String> order = new ArrayList<>(jobs.keySet());
                for (int i = 0; i < r.jobs.size(); i++) {
                    JobDto j = r.jobs.get(i);
                    put(j.copy());
                    order.add(Math.max(0, Math.min(r.positions.get(i), order.size())), j.id);
                }
                reorderTo(order);
            }
            case "move" -> {
                List<String> rest = new ArrayList<>(jobs.keySet());
                rest.removeAll(new HashSet<>(r.ids));
                int at = Math.max(0, Math.min(r.to == null ? rest.size() : r.to, rest.size()));
                List<String> order = new ArrayList<>(rest.subList(0, at));
                for (String id : r.ids) {
                    if (jobs.containsKey(id)) {
                        order.add(id);
                    }
                }
                order.addAll(rest.subList(at, rest.size()));
                reorderTo(order);
            }
            case "reorder" -> reorderTo(r.ids);
            case "job" -> {
                if (!jobs.containsKey(r.job.id)) {
                    throw new IllegalArgumentException("no job " + r.job.id);
                }
                put(r.job.copy());
            }
            case "progress" -> {
                JobDto j = jobs.get(r.id);
                if (j != null) {
                    j.progress = r.progress == null ? j.progress : r.progress;
                    j.progressMessage = r.message;
                    j.etaSeconds = r.eta;
                    if (r.step != null) {
                        j.currentStep = r.step;
                    }
                }
            }
            case "settings" -> head.queueSettings = r.queueSettings;
            case "options" -> {
                if (r.template != null) {
                    head.template = r.template;
                }
                if (r.globalRenderOptions != null) {
                    head.globalRenderOptions = r.globalRenderOptions;
                }
                if (r.globalValidationOptions != null) {
                    head.globalValidationOptions = r.globalValidationOptions;
                }
            }
            case "session" -> head.sessionState = r.sessionState;
            case JournalRecord.FOLD -> {
                // marks where a snapshot was taken; changes nothing
            }
            case JournalRecord.REPLACE -> {
                QueueStateDto copy = r.state.copy();
                String problem = consistencyProblem(copy);
                if (problem != null) {
                    throw new IllegalArgumentException("the queue it holds is unusable: " + problem);
                }
                replace(copy);
            }
            default -> throw new IllegalArgumentException("unknown change \"" + r.op + "\"");
        }
        if (r.at != null) {
            head.lastUpdated = r.at;
        }
    }

    private void reorderTo(List<String> order) {
        LinkedHashMap<String, JobDto> next = new LinkedHashMap<>();
        for (String id : order) {
            JobDto j = jobs.get(id);
            if (j != null) {
                next.put(id, j);
            }
        }
        for (Map.Entry<String, JobDto> e : jobs.entrySet()) {
            next.putIfAbsent(e.getKey(), e.getValue());
        }
        jobs = next;
    }
}
