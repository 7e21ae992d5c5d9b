package org.mtcp.lua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code package.lua} needs from Java to set up {@code require} as {@code lua5.4} does: the environment
 * ({@code LUA_PATH}, {@code LUA_CPATH} and their {@code _5_4} forms), Debian's multiarch
 * directory name, and the file of the Lua shared library LuaJava loaded (so that C modules can link to it).
 */
final class PackageFunctions {
    private PackageFunctions() {
    }

    static Functions functions(Map<String, String> env) {
        return new Functions()
                .add("getenv", L -> {
                    String v = env.get(Stack.text(L, 1));
                    if (v == null) {
                        L.pushNil();
                    } else {
                        Stack.push(L, v);
                    }
                    return 1;
                })
                .add("multiarch", L -> {
                    String m = multiarch();
                    if (m == null) {
                        L.pushNil();
                    } else {
                        L.push(m);
                    }
                    return 1;
                })
                .add("lualib", L -> {
                    String p = luaLibrary();
                    if (p == null) {
                        L.pushNil();
                    } else {
                        Stack.push(L, p);
                    }
                    return 1;
                });
    }

    /** Debian's multiarch triplet for this JVM's platform (the C module directory under /usr/lib), or null. */
    static String multiarch() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        switch (System.getProperty("os.arch", "")) {
            case "amd64":
            case "x86_64":
                return "x86_64-linux-gnu";
            case "aarch64":
                return "aarch64-linux-gnu";
            case "arm":
                return "arm-linux-gnueabihf";
            case "x86":
            case "i386":
                return "i386-linux-gnu";
            case "riscv64":
                return "riscv64-linux-gnu";
            case "ppc64le":
                return "powerpc64le-linux-gnu";
            case "s390x":
                return "s390x-linux-gnu";
            default:
                return null;
        }
    }

    /**
     * The Lua library LuaJava extracted and loaded ({@code liblua54*.so}), read from the process's memory map
     * (Linux); null where that cannot be known.
     */
    static String luaLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(maps);
            for (String line : lines) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String file = line.substring(slash);
                String name = file.substring(file.lastIndexOf('/') + 1);
                if (name.startsWith("liblua54") && name.endsWith(".so")) {
                    return file;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
