package org.mtcp.cli.echo;

/** The two contracts a connection can be driven through. */
public enum Api {
    /** Phil Leblanc's fd-based functions: {@code org.mtcp.mtcp.Mtcp}. */
    MTCP("mtcp", "Mtcp.bind / accept / read / write"),
    /** LuaSocket's TCP objects: {@code org.mtcp.luasocket.LuaSocket}. */
    LUASOCKET("luasocket", "socket.bind / accept, receive / send");

    private final String label;
    private final String calls;

    Api(String label, String calls) {
        this.label = label;
        this.calls = calls;
    }

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /** The calls a round trip goes through, for reports. */
    public String calls() {
        return calls;
    }

    @Override
    public String toString() {
        return label;
    }
}
