package org.stllisting.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock a process holds on an application home while it may change the queue (README, Application home).
 * It is an operating-system file lock ({@link FileChannel#tryLock()}) on {@code instance.lock}, so it
 * disappears with the process — even after {@code kill -9} nobody has to clean up a stale lock. The
 * holder writes its pid into the file so that a second process can say who holds it.
 *
 * <p>Thread-safe. Within one JVM the lock is held at most once per home: a second {@link #acquire} in the
 * same process fails like one from another process.
 *
 * <p>The operating system's lock belongs to the process, and closing any handle the process has on the lock
 * file gives it up — even a handle opened only to read the pid or to probe the lock. So while this process
 * holds a home, {@link #acquire} and {@link #holder} answer from {@link #HELD} and never open the file.
 */
public final class InstanceLock implements AutoCloseable {
    /** The lock files this process holds (absolute, real where they exist). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another process (or this one) already holds the home. */
    public static final class LockedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path home;
        private final long pid;

        public LockedException(Path home, long pid) {
            super(pid > 0
                    ? "another instance (pid " + pid + ") is using the home " + home
                            + "; wait for it to finish or stop it"
                    : "another instance is using the home " + home + "; wait for it to finish or stop it");
            this.home = home;
            this.pid = pid;
        }

        public Path home() {
            return home;
        }

        /** The holder's pid, if it could be read. */
        public OptionalLong holderPid() {
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        }
    }

    /** Takes the lock or fails at once (never waits) with the holder's pid. Creates the home if missing. */
    public static InstanceLock acquire(Home home) throws LockedException, IOException {
        Files.createDirectories(home.root());
        Path file = home.lockFile();
        if (HELD.contains(key(file))) {
            throw new LockedException(home.root(), ProcessHandle.current().pid());
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            // a few tries: `status` in another process probes the lock for a few microseconds
            for (int attempt = 0; attempt < 4 && lock == null; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(25);
                }
                lock = ch.tryLock();
            }
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new LockedException(home.root(), ProcessHandle.current().pid());
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taking the lock on " + file, e);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            OptionalLong pid = readPid(file);
            for (int i = 0; i < 10 && pid.isEmpty(); i++) {
                // the holder may be between taking the lock and writing its pid
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pid = readPid(file);
            }
            throw new LockedException(home.root(), pid.orElse(-1));
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            lock.release();
            ch.close();
            throw e;
        }
        HELD.add(key(file));
        return new InstanceLock(file, ch, lock);
    }

    /** The name under which this process keeps a lock file it holds. */
    private static Path key(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * Who holds the home right now, without taking it for longer than a probe: the holder's pid, or empty
     * when nobody does. {@code OptionalLong.of(-1)} never occurs; an unreadable pid of a live holder is
     * reported as 0.
     */
    public static OptionalLong holder(Home home) {
        Path file = home.lockFile();
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        if (HELD.contains(key(file))) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return OptionalLong.of(ProcessHandle.current().pid());
            }
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            return OptionalLong.of(readPid(file).orElse(0));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            // a read-only home: fall back to the pid in the file if that process is alive
            OptionalLong pid = readPid(file);
            if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                return pid;
            }
            return OptionalLong.empty();
        }
    }

    private static OptionalLong readPid(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Path file() {
        return file;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key(file));
            }
        }
    }
}
