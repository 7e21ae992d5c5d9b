package org.mtcp.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checklist index shipped in the kit ({@code checklist.tsv}): every numbered behaviour, M1–M52 for mtcp,
 * L53–L152 for LuaSocket, T1–T81 for the transport primitives (T1–T5 the threading promises), then E1… for
 * event loops, each with its area and a short title. A test method names the item it checks by its name's
 * prefix ({@code M12_…}, {@code L117_…}, {@code T31_…}, {@code E5_…}).
 */
public final class Checklist {
    /** The areas, in the order reports show them. */
    public static final List<String> AREAS =
            List.of("mtcp", "receive", "send", "timeouts", "options", "state", "select", "transport", "interop");

    private static final Pattern PREFIX = Pattern.compile("^([MLTE])(\\d+)_");
    private static volatile Checklist instance;

    /** One checklist item. */
    public record Item(String id, String area, String title) {
    }

    private final Map<String, Item> items;

    private Checklist(Map<String, Item> items) {
        this.items = Collections.unmodifiableMap(items);
    }

    /** The index bundled with the kit. */
    public static Checklist load() {
        Checklist c = instance;
        if (c == null) {
            try (InputStream in = Checklist.class.getResourceAsStream("checklist.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("checklist.tsv missing from the kit");
                }
                c = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            instance = c;
        }
        return c;
    }

    static Checklist parse(BufferedReader in) throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 3);
            if (cols.length != 3 || !AREAS.contains(cols[1])) {
                throw new IllegalStateException("bad checklist line: " + line);
            }
            items.put(cols[0], new Item(cols[0], cols[1], cols[2]));
        }
        return new Checklist(items);
    }

    /** Every item, in checklist order. */
    public List<Item> items() {
        return new ArrayList<>(items.values());
    }

    /** The item with this id ({@code "L117"}), if the checklist has it. */
    public Optional<Item> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The item id a test method's name claims ({@code "L117"} for {@code L117_blockTimeout…}), if any. */
    public static Optional<String> itemOf(String methodName) {
        Matcher m = PREFIX.matcher(methodName);
        return m.find() ? Optional.of(m.group(1) + Integer.parseInt(m.group(2))) : Optional.empty();
    }
}
