package org.stllisting.store;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: the new content goes to a temporary file in the same folder, is forced to
 * disk, renamed over the target in one atomic step, and the folder itself is then forced so the rename
 * survives a power cut. A reader sees the old file or the new one, never a mix. Stateless and thread-safe
 * (callers writing the same target concurrently must serialize themselves).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes the new content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] data) throws IOException {
        write(target, out -> out.write(data));
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code value} as pretty JSON with the product's mapper. */
    public static void writeJson(Path target, Object value) throws IOException {
        write(target, out -> Json.mapper().writeValue(out, value));
    }

    /**
     * Returns the number of bytes written. Safe on an interrupted thread: the file is written through a
     * stream and {@code FileDescriptor.sync()}, which an interrupt cannot abort half-way.
     */
    public static long write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        long size;
        try {
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
                OutputStream out = new BufferedOutputStream(fos, 1 << 16);
                writer.write(out);
                out.flush();
                fos.getFD().sync();
            }
            size = Files.size(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(dir);
        return size;
    }

    /**
     * Forces a folder's entries (new, renamed, removed files) to disk. Silently does nothing where the
     * platform cannot open a folder for syncing (Windows). A pending interrupt of the calling thread is
     * kept for the caller but does not abort the sync.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 0; ; attempt++) {
                try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                    ch.force(true);
                    return;
                } catch (ClosedByInterruptException e) {
                    interrupted |= Thread.interrupted();
                    if (attempt >= 3) {
                        throw e;
                    }
                } catch (IOException e) {
                    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                        return;
                    }
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Appends and forces; used for small records that must be durable when the call returns. */
    public static void appendDurably(FileChannel ch, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            ch.write(data);
        }
        ch.force(false);
    }
}
