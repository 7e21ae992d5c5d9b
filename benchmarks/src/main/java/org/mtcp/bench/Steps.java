package org.mtcp.bench;

/**
 * The syscall sizes a bulk baseline uses. The contracts fix ours: mtcp's read loop receives 1024 bytes
 * per call (BUFSIZE), and LuaSocket receives through an 8192-byte buffer and sends in 8192-byte steps.
 * The raw baselines run with their natural 64 KiB calls (the figure) and again with each
 * contract's sizes, so a ratio can separate what the contract costs from what our layer costs.
 */
enum Steps {
    /** 64 KiB reads and writes: the raw baselines as they would be written freely. */
    WHOLE("", Payloads.CHUNK, Payloads.CHUNK),
    /** mtcp's pattern: 1 KiB reads, whole 64 KiB writes. */
    MTCP("/1k", 1024, Payloads.CHUNK),
    /** LuaSocket's pattern: 8 KiB reads and 8 KiB writes. */
    LUASOCKET("/8k", 8192, 8192);

    /** What a baseline's subject id ends with when it uses these sizes. */
    final String suffix;
    /** Bytes asked for per read call. */
    final int read;
    /** Bytes handed over per write call. */
    final int write;

    Steps(String suffix, int read, int write) {
        this.suffix = suffix;
        this.read = read;
        this.write = write;
    }

    /** The sizes a subject id names ({@code java.net/1k} → MTCP); WHOLE without a suffix. */
    static Steps of(String id) {
        for (Steps s : values()) {
            if (!s.suffix.isEmpty() && id.endsWith(s.suffix)) {
                return s;
            }
        }
        return WHOLE;
    }

    /** The id without its suffix. */
    static String base(String id) {
        Steps s = of(id);
        return id.substring(0, id.length() - s.suffix.length());
    }

    /** Which sizes the contract of one of our subjects ({@code mtcp:…}, {@code luasocket:…}) uses. */
    static Steps ofApi(String subject) {
        return subject.startsWith("mtcp:") ? MTCP : LUASOCKET;
    }
}
