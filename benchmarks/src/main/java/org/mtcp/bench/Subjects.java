package org.mtcp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtcp.Transports;

/** Subjects by id: {@code mtcp:<transport>}, {@code luasocket:<transport>}, and the JVM baselines. */
final class Subjects {
    /** The JVM baselines, in table order. */
    static final List<String> BASELINES = List.of(JavaNetSubject.ID, NioChannelSubject.ID, NettySubject.ID);

    /** The raw JDK baselines driven as the contracts drive them (see {@link Variant}). */
    static final List<String> VARIANTS = List.of(JavaNetSubject.ID + Variant.FRESH.suffix,
            JavaNetSubject.ID + Variant.TIMED.suffix, NioChannelSubject.ID + Variant.SELECTOR.suffix);

    private Subjects() {
    }

    /** The subject with this id. */
    static Subject of(String id) {
        int colon = id.indexOf(':');
        if (colon > 0) {
            String api = id.substring(0, colon);
            String transport = id.substring(colon + 1);
            switch (api) {
                case "mtcp":
                    return new MtcpSubject(transport);
                case "luasocket":
                    return new LuaSocketSubject(transport);
                default:
                    break;
            }
        }
        switch (Variant.base(id)) {
            case JavaNetSubject.ID:
                return new JavaNetSubject(Variant.of(id));
            case NioChannelSubject.ID:
                return new NioChannelSubject(Variant.of(id));
            case NettySubject.ID:
                return new NettySubject();
            default:
                throw new IllegalArgumentException("unknown subject " + id);
        }
    }

    /** The subject with this id, which must read lines. */
    static Subject.LineReading lineReading(String id) {
        Subject s = of(id);
        if (!(s instanceof Subject.LineReading)) {
            throw new IllegalArgumentException(id + " does not read lines");
        }
        return (Subject.LineReading) s;
    }

    /** The subject with this id, which must select. */
    static Subject.Selecting selecting(String id) {
        Subject s = of(id);
        if (!(s instanceof Subject.Selecting)) {
            throw new IllegalArgumentException(id + " has no select");
        }
        return (Subject.Selecting) s;
    }

    /** The transports that can run here, best first, restricted to {@code only} when it is not empty. */
    static List<String> transports(List<String> only) {
        List<String> out = new ArrayList<>();
        for (Transports.Found f : Transports.discover()) {
            if (f.available() && (only.isEmpty() || only.contains(f.name()))) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** Why a baseline cannot run here. */
    static Optional<String> unavailable(String id) {
        return id.equals(NettySubject.ID) ? Optional.ofNullable(NettySubject.unavailableReason()) : Optional.empty();
    }
}
