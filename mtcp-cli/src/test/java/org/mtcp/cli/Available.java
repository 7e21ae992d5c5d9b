package org.mtcp.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.mtcp.Transports;

/** The real transports this test run can use (none until the transport modules are built in). */
final class Available {
    private Available() {
    }

    static List<Transports.Found> found() {
        return Transports.discover().stream().filter(Transports.Found::available).collect(Collectors.toList());
    }

    static List<String> names() {
        return found().stream().map(Transports.Found::name).collect(Collectors.toList());
    }
}
