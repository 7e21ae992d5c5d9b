package org.mtcp.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code getaddrinfo}/{@code getnameinfo} with glibc's results and error codes, built on
 * {@link InetAddress}, for transports that have no libc to call. Service names come from
 * {@code /etc/services} (tcp entries), as glibc reads them.
 */
public final class JdkResolver {
    private static volatile Map<String, Integer> services;

    private JdkResolver() {
    }

    /** See {@link Transport#getaddrinfo}. */
    public static List<SockAddr> getaddrinfo(String host, String service, Family family, boolean passive)
            throws GaiException {
        int port = servicePort(service);
        List<SockAddr> out = new ArrayList<>(2);
        if (host == null) {
            byte[] v4 = passive ? new byte[4] : new byte[] {127, 0, 0, 1};
            byte[] v6 = new byte[16];
            if (!passive) {
                v6[15] = 1;
            }
            // glibc lists IPv4 first for the passive wildcard and IPv6 first for loopback.
            if (passive) {
                addIf(out, family, Family.INET, SockAddr.inet(v4, port));
                addIf(out, family, Family.INET6, SockAddr.inet6(v6, port, 0, 0));
            } else {
                addIf(out, family, Family.INET6, SockAddr.inet6(v6, port, 0, 0));
                addIf(out, family, Family.INET, SockAddr.inet(v4, port));
            }
            return out;
        }
        if (host.isEmpty()) {
            throw new GaiException(GaiException.EAI_NONAME);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new GaiException(GaiException.EAI_NONAME);
        } catch (SecurityException | IllegalArgumentException e) {
            throw new GaiException(GaiException.EAI_NONAME);
        }
        for (InetAddress a : all) {
            Family f = a instanceof Inet6Address ? Family.INET6 : Family.INET;
            addIf(out, family, f, SockAddr.of(a, port));
        }
        if (out.isEmpty()) {
            throw new GaiException(GaiException.EAI_ADDRFAMILY);
        }
        return out;
    }

    private static void addIf(List<SockAddr> out, Family wanted, Family actual, SockAddr a) {
        if (wanted == Family.UNSPEC || wanted == actual) {
            out.add(a);
        }
    }

    /**
     * A service as a port, the way glibc reads it: a decimal number (kept to 16 bits, so 70000 is
     * accepted) or a tcp name from {@code /etc/services}; null means 0.
     */
    public static int servicePort(String service) throws GaiException {
        if (service == null) {
            return 0;
        }
        if (!service.isEmpty() && service.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long v = 0;
            for (int i = 0; i < service.length(); i++) {
                v = (v * 10 + (service.charAt(i) - '0')) & 0xffffffffL;
            }
            return (int) (v & 0xffff);
        }
        Integer p = services().get(service.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new GaiException(GaiException.EAI_SERVICE);
        }
        return p;
    }

    private static Map<String, Integer> services() {
        Map<String, Integer> s = services;
        if (s == null) {
            s = new HashMap<>();
            try (BufferedReader r = Files.newBufferedReader(Path.of("/etc/services"), StandardCharsets.ISO_8859_1)) {
                for (String line; (line = r.readLine()) != null; ) {
                    int hash = line.indexOf('#');
                    String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                    if (f.length < 2 || !f[1].endsWith("/tcp")) {
                        continue;
                    }
                    int port = Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                    for (int i = 0; i < f.length; i++) {
                        if (i != 1) {
                            s.putIfAbsent(f[i].toLowerCase(Locale.ROOT), port);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No services file: only the few names every system has.
                s.put("http", 80);
                s.put("https", 443);
                s.put("ftp", 21);
                s.put("ssh", 22);
                s.put("smtp", 25);
            }
            services = s;
        }
        return s;
    }

    /** See {@link Transport#getnameinfo}: the numeric service is always used. */
    public static NameInfo getnameinfo(SockAddr address, boolean numericHost) {
        if (numericHost) {
            return new NameInfo(address.hostText(), address.port());
        }
        InetAddress ip = address.toInetAddress();
        String name = ip.getHostName();
        if (ip instanceof Inet4Address || ip instanceof Inet6Address) {
            // The JDK answers with its own literal form when the reverse lookup fails; glibc prints inet_ntop's.
            if (name.equals(ip.getHostAddress())) {
                name = address.hostText();
            }
        }
        return new NameInfo(name, address.port());
    }
}
