package org.mtcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jmh.json holds every workload's results, parsed and written as JSON, not spliced as text. */
class JmhJsonTest {
    @TempDir
    Path dir;

    @Test
    void mergesEveryArrayInOrderAndSkipsMissingOrEmptyFiles() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "[ {\"benchmark\": \"a\", \"params\": {\"s\": \"]x[\"}} ]");
        Path b = Files.writeString(dir.resolve("b.json"), "[]");
        Path c = Files.writeString(dir.resolve("c.json"), "[{\"benchmark\": \"c1\"}, {\"benchmark\": \"c2\"}]\n");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path target = dir.resolve("jmh.json");
        JmhJson.merge(List.of(a, dir.resolve("missing.json"), b, empty, c), target);
        JsonArray all = JsonParser.parseString(Files.readString(target)).getAsJsonArray();
        assertEquals(3, all.size());
        assertEquals("a", all.get(0).getAsJsonObject().get("benchmark").getAsString());
        assertEquals("]x[", all.get(0).getAsJsonObject().getAsJsonObject("params").get("s").getAsString());
        assertEquals("c2", all.get(2).getAsJsonObject().get("benchmark").getAsString());
    }

    @Test
    void aFileThatIsNotAnArrayIsAnErrorNamingIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\": 1}");
        IOException e = assertThrows(IOException.class, () -> JmhJson.merge(List.of(bad), dir.resolve("out.json")));
        assertEquals(true, e.getMessage().contains("bad.json"));
    }
}
