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
 * Every fault scenario through the proxy, for every (server, client) transport pair and both client APIs
 * (the server uses the other API): exact data, "closed", "timeout" and partial results.
 */
class FaultProxyTest {
    static List<Arguments> pairs() {
        return Available.pairs();
    }

    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("pairs")
    @Timeout(120)
    void everyFaultGivesTheContractsResults(String serverName, String clientName) {
        try (Transport s = Transports.require(serverName); Transport c = Transports.require(clientName)) {
            int runs = 0;
            for (FaultScenarios.Scenario sc : FaultScenarios.Scenario.values()) {
                for (Api api : Api.values()) {
                    FaultScenarios.Outcome o = FaultScenarios.run(sc, s, c, api, 1000L * sc.ordinal() + runs);
                    System.out.println(o);
                    runs++;
                }
            }
            assertEquals(8, runs);
        }
    }
}
