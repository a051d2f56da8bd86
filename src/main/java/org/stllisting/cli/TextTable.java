package org.stllisting.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A plain-text table for the terminal: each column as wide as its heading or its longest value, two spaces
 * between columns, the last column never padded. Text columns are aligned left, numbers right.
 */
final class TextTable {
    private final List<String> headings;
    private final Set<Integer> right = new HashSet<>();
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headings) {
        this.headings = List.of(headings);
    }

    /** Aligns these columns (0-based) to the right. */
    TextTable right(int... columns) {
        for (int c : columns) {
            right.add(c);
        }
        return this;
    }

    TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < headings.size(); i++) {
            r.add(i < cells.length && cells[i] != null ? cells[i].toString() : "");
        }
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[headings.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headings.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        line(out, headings, width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
    }

    private void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String s = cells.get(c);
            String pad = " ".repeat(width[c] - s.length());
            if (c > 0) {
                sb.append("  ");
            }
            if (right.contains(c)) {
                sb.append(pad).append(s);
            } else {
                sb.append(s).append(c == width.length - 1 ? "" : pad);
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
