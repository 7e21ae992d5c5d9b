package org.mtcp.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * LuaSocket's {@code mime.core} in Java: the incremental Base64 and quoted-printable codecs, line wrapping,
 * end-of-line normalisation and SMTP dot-stuffing that {@code mime.lua} turns into LTN12 filters.
 *
 * <p>Every function is one step of a filter and keeps the C module's conventions exactly:
 * <ul>
 *   <li>{@code b64(C, D)}, {@code unb64(C, D)}, {@code qp(C, D, marker)}, {@code unqp(C, D)} return
 *       {@code A, B}: {@code A} is the coded form of the longest prefix of {@code C .. D} that can be coded
 *       now, {@code B} the bytes held back (uncoded) for the next call. {@code C} nil is the end-of-stream
 *       call: {@code nil, nil}. {@code D} nil finishes the stream: the held bytes are padded, and an empty
 *       result is returned as nil (so {@code A} is nil or a string and {@code B} is nil); qp and unqp test
 *       emptiness as C strings, so a result starting with a zero byte is nil too.</li>
 *   <li>{@code wrp(left, B, length)} and {@code qpwrp(left, B, length)} return the text broken into lines
 *       and the room left on the last line (a float); {@code B} nil gives the final line break (or nil)
 *       and {@code length}.</li>
 *   <li>{@code eol(ctx, B, marker)} and {@code dot(state, B)} return the converted text and the new context
 *       (a float); {@code B} nil gives {@code nil, 0.0} and {@code nil, 2.0}.</li>
 * </ul>
 * Numbers are converted as the C code's casts do on x86-64 ({@code (int)} of a double out of range is
 * {@code INT_MIN}, {@code (size_t)} of a negative double wraps), so odd arguments give C's answers too.
 * The marker is a C string: it ends at its first zero byte.
 *
 * <p>The methods take the arguments after Lua's type checks (done by the glue, {@code mime.lua}): strings as
 * bytes or null for nil. Each returns the two results as {@code Object[2]}: {@code byte[]}, {@link Double}
 * or null.
 */
final class MimeCore {
    /** The version string of the C module this one reproduces. */
    static final String VERSION = "MIME 1.0.3";

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] EQCRLF = {'=', '\r', '\n'};
    private static final byte[] B64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Base64 digit values; '=' counts as 0 (padding is told apart by position); 255: not Base64, skipped. */
    private static final int[] UNB64 = new int[256];
    /** Hex digit values for =XX (either case); 255 otherwise. */
    private static final int[] UNHEX = new int[256];

    private static final int PLAIN = 0;
    private static final int QUOTED = 1;
    private static final int CR = 2;
    private static final int IF_LAST = 3;
    /** How qp treats each byte: 33..60 and 62..126 plain, tab and space plain unless last on a line, CR maybe a CRLF. */
    private static final int[] QPCLASS = new int[256];

    static {
        java.util.Arrays.fill(UNB64, 255);
        for (int i = 0; i < 64; i++) {
            UNB64[B64[i]] = i;
        }
        UNB64['='] = 0;
        java.util.Arrays.fill(UNHEX, 255);
        for (int i = 0; i < 10; i++) {
            UNHEX['0' + i] = i;
        }
        for (int i = 0; i < 6; i++) {
            UNHEX['A' + i] = 10 + i;
            UNHEX['a' + i] = 10 + i;
        }
        java.util.Arrays.fill(QPCLASS, QUOTED);
        for (int i = 33; i <= 126; i++) {
            QPCLASS[i] = i == '=' ? QUOTED : PLAIN;
        }
        QPCLASS['\t'] = IF_LAST;
        QPCLASS[' '] = IF_LAST;
        QPCLASS['\r'] = CR;
    }

    private MimeCore() {
    }

    /** The bytes an unfinished atom holds between calls, and the output so far. */
    private static final class Coder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int[] atom = new int[4];
        int size;

        byte[] held() {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) atom[i];
            }
            return b;
        }

        /** The finished result: an empty one is nil. */
        byte[] resultOrNil() {
            return out.size() == 0 ? null : out.toByteArray();
        }

        /** The finished result of qp/unqp, whose C code tests emptiness as a C string: a leading zero byte is nil too. */
        byte[] resultOrNilCString() {
            byte[] b = out.toByteArray();
            return b.length == 0 || b[0] == 0 ? null : b;
        }
    }

    // ---- Base64 ---------------------------------------------------------------------------------------------

    static Object[] b64(byte[] c, byte[] d) {
        if (c == null) {
            return new Object[] {null, null};
        }
        Coder k = new Coder();
        for (byte b : c) {
            b64encode(k, b & 0xff);
        }
        if (d == null) {
            b64pad(k);
            return new Object[] {k.resultOrNil(), null};
        }
        for (byte b : d) {
            b64encode(k, b & 0xff);
        }
        return new Object[] {k.out.toByteArray(), k.held()};
    }

    private static void b64encode(Coder k, int c) {
        k.atom[k.size++] = c;
        if (k.size == 3) {
            int v = (k.atom[0] << 16) | (k.atom[1] << 8) | k.atom[2];
            k.out.write(B64[(v >> 18) & 0x3f]);
            k.out.write(B64[(v >> 12) & 0x3f]);
            k.out.write(B64[(v >> 6) & 0x3f]);
            k.out.write(B64[v & 0x3f]);
            k.size = 0;
        }
    }

    private static void b64pad(Coder k) {
        if (k.size == 1) {
            int v = k.atom[0] << 4;
            k.out.write(B64[(v >> 6) & 0x3f]);
            k.out.write(B64[v & 0x3f]);
            k.out.write('=');
            k.out.write('=');
        } else if (k.size == 2) {
            int v = ((k.atom[0] << 8) | k.atom[1]) << 2;
            k.out.write(B64[(v >> 12) & 0x3f]);
            k.out.write(B64[(v >> 6) & 0x3f]);
            k.out.write(B64[v & 0x3f]);
            k.out.write('=');
        }
        k.size = 0;
    }

    static Object[] unb64(byte[] c, byte[] d) {
        if (c == null) {
            return new Object[] {null, null};
        }
        Coder k = new Coder();
        for (byte b : c) {
            b64decode(k, b & 0xff);
        }
        if (d == null) {
            return new Object[] {k.resultOrNil(), null};
        }
        for (byte b : d) {
            b64decode(k, b & 0xff);
        }
        return new Object[] {k.out.toByteArray(), k.held()};
    }

    private static void b64decode(Coder k, int c) {
        if (UNB64[c] > 64) {
            return; // not Base64: ignored, as the C decoder does
        }
        k.atom[k.size++] = c;
        if (k.size == 4) {
            int v = (UNB64[k.atom[0]] << 18) | (UNB64[k.atom[1]] << 12) | (UNB64[k.atom[2]] << 6) | UNB64[k.atom[3]];
            int valid = k.atom[2] == '=' ? 1 : k.atom[3] == '=' ? 2 : 3;
            byte[] three = {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
            k.out.write(three, 0, valid);
            k.size = 0;
        }
    }

    // ---- quoted-printable -----------------------------------------------------------------------------------

    static Object[] qp(byte[] c, byte[] d, byte[] marker) {
        if (c == null) {
            return new Object[] {null, null};
        }
        byte[] m = cString(marker == null ? CRLF : marker);
        Coder k = new Coder();
        for (byte b : c) {
            qpencode(k, b & 0xff, m);
        }
        if (d == null) {
            qppad(k);
            return new Object[] {k.resultOrNilCString(), null};
        }
        for (byte b : d) {
            qpencode(k, b & 0xff, m);
        }
        return new Object[] {k.out.toByteArray(), k.held()};
    }

    private static void quote(ByteArrayOutputStream out, int c) {
        out.write('=');
        out.write(HEX[c >> 4]);
        out.write(HEX[c & 0x0f]);
    }

    /** Holds up to three bytes until it is known whether a CR starts a CRLF or a space ends a line. */
    private static void qpencode(Coder k, int c, byte[] marker) {
        int[] in = k.atom;
        in[k.size++] = c;
        while (k.size > 0) {
            switch (QPCLASS[in[0]]) {
                case CR:
                    if (k.size < 2) {
                        return;
                    }
                    if (in[1] == '\n') {
                        k.out.write(marker, 0, marker.length);
                        k.size = 0;
                        return;
                    }
                    quote(k.out, in[0]);
                    break;
                case IF_LAST:
                    if (k.size < 3) {
                        return;
                    }
                    if (in[1] == '\r' && in[2] == '\n') {
                        quote(k.out, in[0]);
                        k.out.write(marker, 0, marker.length);
                        k.size = 0;
                        return;
                    }
                    k.out.write(in[0]);
                    break;
                case QUOTED:
                    quote(k.out, in[0]);
                    break;
                default:
                    k.out.write(in[0]);
                    break;
            }
            in[0] = in[1];
            in[1] = in[2];
            k.size--;
        }
    }

    private static void qppad(Coder k) {
        for (int i = 0; i < k.size; i++) {
            if (QPCLASS[k.atom[i]] == PLAIN) {
                k.out.write(k.atom[i]);
            } else {
                quote(k.out, k.atom[i]);
            }
        }
        if (k.size > 0) {
            k.out.write(EQCRLF, 0, EQCRLF.length);
        }
        k.size = 0;
    }

    static Object[] unqp(byte[] c, byte[] d) {
        if (c == null) {
            return new Object[] {null, null};
        }
        Coder k = new Coder();
        for (byte b : c) {
            qpdecode(k, b & 0xff);
        }
        if (d == null) {
            return new Object[] {k.resultOrNilCString(), null};
        }
        for (byte b : d) {
            qpdecode(k, b & 0xff);
        }
        return new Object[] {k.out.toByteArray(), k.held()};
    }

    private static void qpdecode(Coder k, int c) {
        int[] in = k.atom;
        in[k.size++] = c;
        switch (in[0]) {
            case '=':
                if (k.size < 3) {
                    return;
                }
                k.size = 0;
                if (in[1] == '\r' && in[2] == '\n') {
                    return; // soft line break
                }
                int hi = UNHEX[in[1]];
                int lo = UNHEX[in[2]];
                if (hi > 15 || lo > 15) {
                    k.out.write(in[0]);
                    k.out.write(in[1]);
                    k.out.write(in[2]);
                } else {
                    k.out.write((hi << 4) + lo);
                }
                return;
            case '\r':
                if (k.size < 2) {
                    return;
                }
                k.size = 0;
                if (in[1] == '\n') {
                    k.out.write('\r');
                    k.out.write('\n');
                }
                return;
            default:
                k.size = 0;
                if (in[0] == '\t' || (in[0] > 31 && in[0] < 127)) {
                    k.out.write(in[0]);
                }
        }
    }

    // ---- line wrapping ----------------------------------------------------------------------------------------

    static Object[] wrp(double left, byte[] b, double length) {
        return wrap(cInt(left), b, cInt(length), false);
    }

    static Object[] qpwrp(double left, byte[] b, double length) {
        return wrap(cInt(left), b, cInt(length), true);
    }

    /** Breaks lines of at most {@code length} bytes; quoted-printable breaks are soft (=CRLF) and never split =XX. */
    private static Object[] wrap(int left, byte[] b, int length, boolean qp) {
        if (b == null) {
            return new Object[] {left < length ? (qp ? EQCRLF : CRLF).clone() : null, (double) length};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + b.length / 32 + 4);
        byte[] brk = qp ? EQCRLF : CRLF;
        for (byte x : b) {
            switch (x) {
                case '\r':
                    break;
                case '\n':
                    out.write(CRLF, 0, 2);
                    left = length;
                    break;
                default:
                    int room = qp && x == '=' ? 3 : qp ? 1 : 0;
                    if (left <= room) {
                        left = length;
                        out.write(brk, 0, brk.length);
                    }
                    out.write(x);
                    left--;
            }
        }
        return new Object[] {out.toByteArray(), (double) left};
    }

    // ---- end of lines and dot-stuffing ------------------------------------------------------------------------

    /**
     * One marker for each CR or LF alone, or for a pair of different ones (CRLF, LFCR); two equal ones are two
     * line ends. {@code ctx} is the previous byte when it was a candidate, else 0.
     */
    static Object[] eol(long ctx, byte[] b, byte[] marker) {
        if (b == null) {
            return new Object[] {null, 0.0};
        }
        byte[] m = cString(marker == null ? CRLF : marker);
        int last = (int) ctx;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 8);
        for (byte x : b) {
            int c = x; // a C char: signed, as in mime.c
            if (c == '\r' || c == '\n') {
                if (last == '\r' || last == '\n') {
                    if (c == last) {
                        out.write(m, 0, m.length);
                    }
                    last = 0;
                } else {
                    out.write(m, 0, m.length);
                    last = c;
                }
            } else {
                out.write(x);
                last = 0;
            }
        }
        return new Object[] {out.toByteArray(), (double) last};
    }

    /** SMTP stuffing: a '.' starting a line (after CRLF) is doubled; state 2 means "at the start of a line". */
    static Object[] dot(double state, byte[] b) {
        if (b == null) {
            return new Object[] {null, 2.0};
        }
        long s = cSizeT(state);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 8);
        for (byte x : b) {
            out.write(x);
            if (x == '\r') {
                s = 1;
            } else if (x == '\n') {
                s = s == 1 ? 2 : 0;
            } else {
                if (x == '.' && s == 2) {
                    out.write('.');
                }
                s = 0;
            }
        }
        return new Object[] {out.toByteArray(), unsignedToDouble(s)};
    }

    // ---- C conversions ----------------------------------------------------------------------------------------

    /** {@code (int) d} as x86-64 computes it: truncation, and INT_MIN for NaN and values out of range. */
    static int cInt(double d) {
        if (Double.isNaN(d) || d >= 2147483648.0 || d <= -2147483649.0) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /** {@code (size_t) d} as gcc computes it on x86-64 (the bits of the unsigned result). */
    static long cSizeT(double d) {
        final double two63 = 9223372036854775808.0;
        if (Double.isNaN(d)) {
            return Long.MIN_VALUE;
        }
        if (d < two63) {
            return d <= -two63 ? Long.MIN_VALUE : (long) d;
        }
        double lowered = d - two63;
        long bits = lowered >= two63 ? Long.MIN_VALUE : (long) lowered;
        return bits ^ Long.MIN_VALUE;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : ((double) (v >>> 1 | (v & 1))) * 2.0;
    }

    /** A marker is read as a C string: up to its first zero byte. */
    private static byte[] cString(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return java.util.Arrays.copyOf(s, i);
            }
        }
        return s;
    }
}
