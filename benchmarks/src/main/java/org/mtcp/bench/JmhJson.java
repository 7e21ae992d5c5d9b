package org.mtcp.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Merges the per-workload JMH result files (each a JSON array of results) into one array, with Gson. */
final class JmhJson {
    private JmhJson() {}

    /**
     * One JSON array holding the elements of every file's array, in order, as JMH itself would have written
     * for a single run. A missing file (its workload did not run) is skipped; a file that is not a JSON array
     * is an error naming it.
     */
    static void merge(List<Path> files, Path target) throws IOException {
        JsonArray all = new JsonArray();
        for (Path p : files) {
            if (!Files.exists(p) || Files.size(p) == 0) {
                continue;
            }
            JsonElement e;
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                e = JsonParser.parseReader(r);
            } catch (JsonParseException ex) {
                throw new IOException(p + " is not valid JSON: " + ex.getMessage(), ex);
            }
            if (!e.isJsonArray()) {
                throw new IOException(p + " is not a JSON array of JMH results");
            }
            all.addAll(e.getAsJsonArray());
        }
        Files.writeString(target, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all)
                + "\n", StandardCharsets.UTF_8);
    }
}
