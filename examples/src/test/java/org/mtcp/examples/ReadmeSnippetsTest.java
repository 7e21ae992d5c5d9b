package org.mtcp.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's code snippets are regions of compiled, tested sources, marked {@code // README:NAME-begin}
 * and {@code // README:NAME-end}: each region, unindented, must appear in README.md as a java code block.
 */
class ReadmeSnippetsTest {
    @ParameterizedTest
    @CsvSource({
        "service-loader, examples/src/main/java/org/mtcp/examples/ServiceLoaderApp.java",
        "osgi, osgi-tests/src/test/java/org/mtcp/osgi/consumer/TransportUser.java",
        "transport-author, examples/src/test/java/org/mtcp/examples/MyTransportConformanceTest.java",
    })
    void readmeShowsTheSourceRegion(String name, String source) throws Exception {
        Path root = Path.of(System.getProperty("examples.root"));
        String snippet = region(Files.readAllLines(root.resolve(source)), name);
        assertFalse(snippet.isBlank(), "empty region " + name);
        String readme = Files.readString(Path.of(System.getProperty("examples.readme")));
        assertTrue(readme.contains("```java\n" + snippet + "```\n"),
                () -> "README.md does not show region '" + name + "' of " + source + " as it is now:\n" + snippet);
    }

    /** The lines between the markers, with their common indentation removed, each ending in a newline. */
    static String region(List<String> lines, String name) {
        int begin = indexOf(lines, "// README:" + name + "-begin");
        int end = indexOf(lines, "// README:" + name + "-end");
        assertTrue(begin >= 0 && end > begin, "markers for " + name);
        List<String> body = lines.subList(begin + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : body) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }
}
