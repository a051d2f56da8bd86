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
    private boolean closed;

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
     * already held (then {@link #get} has it).
     */
    public synchronized boolean request(K key) {
        if (closed || held.containsKey(key)) {
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

    /** Lets go of {@code key}'s thumbnail and of its request (its job left the queue). */
    public synchronized void forget(K key) {
        held.remove(key);
        waiting.remove(key);
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
