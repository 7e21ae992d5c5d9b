package org.mtcp.cli.echo;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mtcp.Transports;

/**
 * What a demo run found and did.
 *
 * @param found every provider considered, available or not (unavailable ones are reported, not run)
 * @param used the names of the transports that took part, in matrix order
 * @param cells one per API × server × client, in that order
 * @param settings what the run was asked to do
 */
public record DemoReport(List<Transports.Found> found, List<String> used, List<Cell> cells, Demo.Settings settings) {
    public DemoReport {
        found = List.copyOf(found);
        used = List.copyOf(used);
        cells = List.copyOf(cells);
    }

    /** True when at least one transport ran and every cell succeeded. */
    public boolean ok() {
        return !used.isEmpty() && cells.stream().allMatch(Cell::ok);
    }

    /** The failed cells. */
    public List<Cell> failures() {
        return cells.stream().filter(c -> !c.ok()).collect(Collectors.toList());
    }

    /** The cell for this API, server and client transport. */
    public Optional<Cell> cell(Api api, String server, String client) {
        return cells.stream().filter(c -> c.api() == api && c.server().equals(server) && c.client().equals(client))
                .findFirst();
    }
}
