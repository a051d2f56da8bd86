package org.stllisting.mesh.io;

import java.nio.file.Path;
import java.util.List;
import org.stllisting.mesh.Mesh;

/**
 * What {@link StlReader} found in a file: the indexed mesh and facts about the encoding.
 *
 * @param file the path read
 * @param mesh the mesh with exactly-equal vertices merged
 * @param format binary or ASCII, detected by content
 * @param solids number of {@code solid} blocks (1 for binary files)
 * @param header the binary header or the first solid's name, printable characters only
 * @param warnings things that were accepted but are worth saying (e.g. missing {@code endsolid})
 */
public record StlFile(Path file, Mesh mesh, StlFormat format, int solids, String header, List<String> warnings) {
    public StlFile {
        warnings = List.copyOf(warnings);
    }
}
