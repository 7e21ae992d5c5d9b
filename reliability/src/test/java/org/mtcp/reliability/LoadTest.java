package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/**
 * The short load run: 200 concurrent connections x 256 KiB echoed for every (server, client) transport
 * pair, zero corruption. {@code mtcp soak} runs the full 1,000 x 1 MiB.
 */
class LoadTest {
    static final int CONNECTIONS = Integer.getInteger("reliability.load.connections", 200);
    static final int BYTES = Integer.getInteger("reliability.load.bytes", 256 * 1024);

    static List<Arguments> pairs() {
        // One server API per pair, alternating, so both serve across the pairs.
        List<Arguments> out = new java.util.ArrayList<>();
        int k = 0;
        for (Arguments a : Available.pairs()) {
            out.add(Arguments.of(a.get()[0], a.get()[1], Api.values()[k++ % 2]));
        }
        return out;
    }

    @ParameterizedTest(name = "server {0} ({2}), client {1}")
    @MethodSource("pairs")
    @Timeout(300)
    void concurrentEchoesArriveIntact(String serverName, String clientName, Api serverApi) {
        try (Transport s = Transports.require(serverName); Transport c = Transports.require(clientName)) {
            EchoLoad.Report r = EchoLoad.run(s, serverApi, c, serverApi.other(), CONNECTIONS, BYTES, 42);
            System.out.println(r);
            assertEquals(0, r.corrupt(), r.toString());
            assertEquals((long) CONNECTIONS * BYTES, r.bytesEchoed(), r.toString());
        }
    }
}
