package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;

/**
 * What must hold before a queue starts, checked up front so that an error no retry can heal is reported
 * once, with its reason, instead of failing every job: the output folder and the application home can be
 * written, the job history can be written, and every source still to process can be read. Writes nothing
 * that stays (a probe file is made and removed).
 */
public final class Preflight {
    private static final String PROBE = ".stl-listing-write-check-";

    private Preflight() {
    }

    /**
     * The problems found, each one line naming the path and the operating system's reason; empty when the
     * queue can start.
     *
     * @param output the queue's output folder (null: not set, nothing to check)
     * @param history the job history (null: none)
     * @param sources the sources of the jobs still to process; missing ones are left to recovery
     */
    public static List<String> check(Home home, Path output, HistoryStore history, Collection<Path> sources) {
        List<String> problems = new ArrayList<>();
        if (output != null) {
            writableFolder(output, "the output folder", problems);
        }
        writableFolder(home.root(), "the application home", problems);
        if (history != null) {
            try {
                history.checkWritable();
            } catch (IOException e) {
                problems.add(JobErrors.message(e));
            }
        }
        for (Path source : sources) {
            readable(source, problems);
        }
        return problems;
    }

    private static void writableFolder(Path folder, String what, List<String> problems) {
        try {
            Files.createDirectories(folder);
            Path probe = folder.resolve(PROBE + UUID.randomUUID());
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS).close();
            Files.delete(probe);
        } catch (FileSystemException e) {
            problems.add(what + " cannot be written: " + JobErrors.fileSystemMessage(e));
        } catch (IOException e) {
            problems.add(what + " " + folder + " cannot be written: " + JobErrors.message(e));
        }
    }

    private static void readable(Path source, List<String> problems) {
        if (!Files.exists(source)) {
            return; // recovery skips a job whose source is gone, with the reason
        }
        if (!Files.isRegularFile(source)) {
            problems.add("the source " + source + " cannot be read: it is not a regular file");
            return;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(source, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.allocate(1));
        } catch (FileSystemException e) {
            problems.add("the source cannot be read: " + JobErrors.fileSystemMessage(e));
        } catch (IOException e) {
            problems.add("the source " + source + " cannot be read: " + JobErrors.message(e));
        }
    }
}
