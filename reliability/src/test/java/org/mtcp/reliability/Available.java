package org.mtcp.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.provider.Arguments;
import org.mtcp.Transports;

/** The transports discovery finds available here, and their pairs, as JUnit arguments. */
final class Available {
    private Available() {
    }

    static List<String> names() {
        List<String> n = Transports.discover().stream().filter(Transports.Found::available)
                .map(Transports.Found::name).collect(Collectors.toList());
        if (n.isEmpty()) {
            throw new IllegalStateException("no transport available: " + Transports.discover());
        }
        return n;
    }

    /** Every (server, client) pair, same-transport pairs included. */
    static List<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String s : names()) {
            for (String c : names()) {
                out.add(Arguments.of(s, c));
            }
        }
        return out;
    }

    static List<Arguments> transports() {
        return names().stream().map(Arguments::of).collect(Collectors.toList());
    }
}
