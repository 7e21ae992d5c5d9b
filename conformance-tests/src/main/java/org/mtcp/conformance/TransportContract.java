package org.mtcp.conformance;

/**
 * The transport contract: the {@link org.mtcp.spi.Transport} primitives themselves (connect, poll, read and
 * write, shutdown, close, bind/listen/accept, options, dual stack, errnos) and every declared
 * {@link org.mtcp.spi.Capability} checked against behaviour, items T6 onwards of the checklist. It tests
 * what the SPI's Javadoc promises, below both Lua contracts, so a third-party transport learns which
 * primitive is wrong rather than which Lua call misbehaves. Part of {@link Conformance}.
 */
public interface TransportContract extends TransportConnectContract, TransportPollContract,
        TransportReadWriteContract, TransportShutdownContract, TransportCloseContract, TransportBindContract,
        TransportOptionsContract, TransportDualStackContract, TransportCapabilityContract {
}
