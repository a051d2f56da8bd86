package org.stllisting.ui.mainwindow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The thumbnails held in memory and the ones asked for, without any control or image type: at most
 * {@code capacity} values are kept, the least recently used going first; the requests waiting are served
 * newest first (the rows the user just scrolled to), and a request for a row scrolled away is dropped before
 * any work is done for it. Thread-safe: the UI thread asks and drops, one worker takes.
 *
 * @param <K> what a thumbnail is of (a job's id)
 * @param <V> the thumbnail
 */
public final class ThumbnailCache<K, V> {
    private final int capacity;
    private final LinkedHashMap<K, V> held;
    /** Waiting requests, oldest first: the worker takes from the end. */
    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    /** Keys whose thumbnail could not be made, oldest first: not asked for again until forgotten. */
    private final LinkedHashSet<K> failed = new LinkedHashSet<>();
    private boolean closed;

    /** At most this many failures are remembered (the oldest forgotten first). */
    static final int FAILED_MAX = 10_000;

    public ThumbnailCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.held = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The thumbnail of {@code key} when held (it becomes the most recently used), else null. */
    public synchronized V get(K key) {
        return held.get(key);
    }

    /**
     * Asks for {@code key}'s thumbnail: true when it now waits (as the newest request), false when it is
     * already held (then {@link #get} has it) or could not be made before ({@link #failed}).
     */
    public synchronized boolean request(K key) {
        if (closed || held.containsKey(key) || failed.contains(key)) {
            return false;
        }
        waiting.remove(key);
        waiting.add(key);
        notifyAll();
        return true;
    }

    /** {@code key} is no longer shown: its request, if still waiting, is dropped. */
    public synchronized void drop(K key) {
        waiting.remove(key);
    }

    /** The newest waiting request, taken off the queue; waits for one. Null once closed. */
    public synchronized K takeNewest() throws InterruptedException {
        while (!closed && waiting.isEmpty()) {
            wait();
        }
        if (closed) {
            return null;
        }
        K newest = null;
        for (K k : waiting) {
            newest = k;
        }
        waiting.remove(newest);
        return newest;
    }

    /** Keeps {@code value} for {@code key}; returns the keys let go to stay within the capacity. */
    public synchronized List<K> put(K key, V value) {
        held.put(key, value);
        List<K> evicted = new ArrayList<>();
        Iterator<Map.Entry<K, V>> it = held.entrySet().iterator();
        while (held.size() > capacity && it.hasNext()) {
            K k = it.next().getKey();
            if (!k.equals(key)) {
                it.remove();
                evicted.add(k);
            }
        }
        return evicted;
    }

    /** Lets go of {@code key}'s thumbnail and of its request (its job left the queue or changed). */
    public synchronized void forget(K key) {
        held.remove(key);
        waiting.remove(key);
        failed.remove(key);
    }

    /**
     * {@code key}'s thumbnail could not be made (a damaged file): it is not asked for again, however often its row
     * is shown, until {@link #forget}. At most {@link #FAILED_MAX} are remembered.
     */
    public synchronized void failed(K key) {
        waiting.remove(key);
        failed.remove(key);
        failed.add(key);
        if (failed.size() > FAILED_MAX) {
            Iterator<K> oldest = failed.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized int size() {
        return held.size();
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }

    /** No more requests; a worker waiting in {@link #takeNewest} gets null. */
    public synchronized void close() {
        closed = true;
        waiting.clear();
        notifyAll();
    }
}
