package org.stllisting.jobs.runner;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The runner's one lock and its one condition, and the only place that takes them (docs/ARCHITECTURE.md,
 * Threading). It guards what the runner itself keeps: the handles of running jobs and what the queue as a
 * whole is doing (started, paused, stopping). Job state is not guarded here: the queue state store owns it.
 * The lock is never held while a step runs; it may be held while the store writes (a store call never
 * calls back into the runner).
 */
final class RunnerLock {
    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    interface IoWork<T> {
        T run() throws IOException;
    }

    /** Work without a result that may fail with an I/O error. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    <T> T get(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void run(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    <T> T call(IoWork<T> work) throws IOException {
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    void act(IoAction work) throws IOException {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes everyone waiting for a change (the scheduler, {@code awaitFinished}, paused jobs). */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: waits for a change or until {@code nanos} pass. */
    void awaitNanos(long nanos) throws InterruptedException {
        changed.awaitNanos(nanos);
    }

    /**
     * Waits, taking the lock, until {@code done} is true or {@code timeoutNanos} pass; true when it became
     * true.
     */
    boolean awaitUntil(Supplier<Boolean> done, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (!done.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits, taking the lock, until {@code done} is true. */
    void awaitUntil(Supplier<Boolean> done) throws InterruptedException {
        lock.lock();
        try {
            while (!done.get()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

}
