package org.mtcp.spi;

import java.util.Map;

/**
 * The errno table: Linux numbers and glibc {@code strerror} texts. Every transport reports failures with
 * these numbers, so a refused connect reads {@code connect error: -1  111} in mtcp and
 * {@code connection refused} in LuaSocket whatever carried it.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ESHUTDOWN = 108;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(0, "Success"),
            Map.entry(1, "Operation not permitted"),
            Map.entry(2, "No such file or directory"),
            Map.entry(3, "No such process"),
            Map.entry(4, "Interrupted system call"),
            Map.entry(5, "Input/output error"),
            Map.entry(6, "No such device or address"),
            Map.entry(7, "Argument list too long"),
            Map.entry(8, "Exec format error"),
            Map.entry(9, "Bad file descriptor"),
            Map.entry(10, "No child processes"),
            Map.entry(11, "Resource temporarily unavailable"),
            Map.entry(12, "Cannot allocate memory"),
            Map.entry(13, "Permission denied"),
            Map.entry(14, "Bad address"),
            Map.entry(16, "Device or resource busy"),
            Map.entry(17, "File exists"),
            Map.entry(19, "No such device"),
            Map.entry(22, "Invalid argument"),
            Map.entry(23, "Too many open files in system"),
            Map.entry(24, "Too many open files"),
            Map.entry(25, "Inappropriate ioctl for device"),
            Map.entry(28, "No space left on device"),
            Map.entry(32, "Broken pipe"),
            Map.entry(38, "Function not implemented"),
            Map.entry(71, "Protocol error"),
            Map.entry(75, "Value too large for defined data type"),
            Map.entry(88, "Socket operation on non-socket"),
            Map.entry(89, "Destination address required"),
            Map.entry(90, "Message too long"),
            Map.entry(91, "Protocol wrong type for socket"),
            Map.entry(92, "Protocol not available"),
            Map.entry(93, "Protocol not supported"),
            Map.entry(94, "Socket type not supported"),
            Map.entry(95, "Operation not supported"),
            Map.entry(96, "Protocol family not supported"),
            Map.entry(97, "Address family not supported by protocol"),
            Map.entry(98, "Address already in use"),
            Map.entry(99, "Cannot assign requested address"),
            Map.entry(100, "Network is down"),
            Map.entry(101, "Network is unreachable"),
            Map.entry(102, "Network dropped connection on reset"),
            Map.entry(103, "Software caused connection abort"),
            Map.entry(104, "Connection reset by peer"),
            Map.entry(105, "No buffer space available"),
            Map.entry(106, "Transport endpoint is already connected"),
            Map.entry(107, "Transport endpoint is not connected"),
            Map.entry(108, "Cannot send after transport endpoint shutdown"),
            Map.entry(110, "Connection timed out"),
            Map.entry(111, "Connection refused"),
            Map.entry(112, "Host is down"),
            Map.entry(113, "No route to host"),
            Map.entry(114, "Operation already in progress"),
            Map.entry(115, "Operation now in progress"),
            Map.entry(125, "Operation canceled"));

    private Errno() {
    }

    /** glibc's {@code strerror} text for a Linux errno ({@code "Unknown error N"} for one it lacks). */
    public static String strerror(int errno) {
        String text = TEXTS.get(errno);
        return text != null ? text : "Unknown error " + errno;
    }
}
