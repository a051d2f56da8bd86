package org.stllisting.bench;

import java.util.ArrayList;
import java.util.List;

/** A results table, rendered as GitHub markdown. */
public final class BenchTable {
    private final String caption;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public BenchTable(String caption, String... header) {
        this.caption = caption;
        this.header = List.of(header);
    }

    public BenchTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        while (r.size() < header.size()) {
            r.add("");
        }
        rows.add(r);
        return this;
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) {
            sb.append("**").append(caption).append("**\n\n");
        }
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
