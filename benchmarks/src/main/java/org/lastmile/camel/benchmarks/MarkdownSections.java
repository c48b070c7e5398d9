package org.lastmile.camel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a numbered section into the results file, for measurements that also run on their own: the section of the same
 * number is replaced, or the new one goes before "Reading it", so a rerun never leaves two.
 */
final class MarkdownSections {

    private static final String READING = "## Reading it";

    private MarkdownSections() {
    }

    /** @param md the section, beginning with its heading {@code ## <number>. <title>} */
    static void put(Path output, String md) throws IOException {
        String number = md.substring(0, md.indexOf('.') + 1);
        String text = Files.exists(output) ? Files.readString(output) : "";
        int at = text.indexOf("\n" + number);
        if (at >= 0) {
            int end = text.indexOf("\n## ", at + 1);
            text = text.substring(0, at + 1) + (end < 0 ? "" : text.substring(end + 1));
        }
        String section = md.endsWith("\n\n") ? md : md.endsWith("\n") ? md + "\n" : md + "\n\n";
        int reading = text.indexOf(READING);
        text = reading < 0 ? text + "\n" + section : text.substring(0, reading) + section + text.substring(reading);
        Files.writeString(output, text);
    }
}
