package org.mtcp.conformance;

/**
 * The whole kit. A transport author writes one class:
 * <pre>{@code
 * class MyTransportConformanceTest implements Conformance {
 *     public TransportProvider provider() { return new MyTransportProvider(); }
 * }
 * }</pre>
 * and runs it with JUnit 5; every checklist item runs against the provider.
 */
public interface Conformance extends MtcpContract, MtcpWriteContract, MtcpReadContract, MtcpAddressContract,
        MtcpProperties, ThreadingContract, InteropContract, LuaSocketObjectContract,
        LuaSocketSendReceiveContract, LuaSocketSendProperties,
        LuaSocketReceiveEdgeContract, LuaSocketTimeoutContract, LuaSocketLifecycleContract, LuaSocketOptionContract,
        LuaSocketHelperContract, LuaSocketSelectContract, LuaSocketBulkContract,
        LuaSocketReceiveProperties, LuaSocketTimeoutProperties, LuaSocketDualStackContract, LuaSocketStateProperties,
        TransportContract, EventLoopContract, EventLoopProperties {
}
