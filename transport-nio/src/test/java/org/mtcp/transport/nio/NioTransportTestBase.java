package org.mtcp.transport.nio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mtcp.spi.Transport;

/** A fresh transport per test, closed afterwards (which closes every socket the test left). */
abstract class NioTransportTestBase {
    Transport t;

    @BeforeEach
    void open() {
        t = new NioTransportProvider().open();
    }

    @AfterEach
    void closeTransport() {
        t.close();
    }
}
