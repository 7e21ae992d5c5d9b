package org.mtcp.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A real Apache Felix framework with Felix SCR, the mtcp bundles and a consumer bundle. The consumer
 * obtains every transport as a {@code TransportProvider} service and round-trips data through both APIs;
 * stopping a transport bundle removes its service and closes its sockets; starting it again brings it
 * back; stopping the framework leaves no mtcp thread running. The JVM runs with
 * {@code --enable-native-access=ALL-UNNAMED} (bundles are unnamed modules), as the README says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FelixFrameworkTest {
    private static final List<String> TRANSPORTS = List.of("ffm", "nio", "blocking"); // by priority
    private static final List<String> SPI_API = List.of("org.mtcp", "org.mtcp.luasocket", "org.mtcp.mtcp",
            "org.mtcp.spi");
    private static final long WAIT_MS = 10_000;

    @TempDir
    static Path tmp;

    private Framework framework;
    private final Map<String, Bundle> bundles = new LinkedHashMap<>();
    private Object user; // org.mtcp.osgi.consumer.TransportUser, loaded by the consumer bundle
    private final ExecutorService consumerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "consumer"));

    @BeforeAll
    void boot() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("osgi.storage", tmp.resolve("felix").toString()));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(config);
        framework.start();
        BundleContext system = framework.getBundleContext();
        for (String key : List.of("function", "promise", "component", "scr", "spi", "blocking", "nio", "ffm")) {
            bundles.put(key, system.installBundle(bundleJar(key).toUri().toString()));
        }
        bundles.put("consumer", system.installBundle(consumerJar().toUri().toString()));
        for (Bundle b : bundles.values()) {
            b.start();
        }
        Bundle consumer = bundles.get("consumer");
        Class<?> type = consumer.loadClass("org.mtcp.osgi.consumer.TransportUser");
        user = type.getConstructor(BundleContext.class).newInstance(consumer.getBundleContext());
        awaitTransports(TRANSPORTS);
    }

    @AfterAll
    void stopIfStillRunning() throws Exception {
        consumerThread.shutdownNow();
        if (framework != null) {
            framework.stop();
            framework.waitForStop(WAIT_MS);
        }
    }

    @Test
    @Order(1)
    void everyBundleResolvesAndStarts() {
        for (Map.Entry<String, Bundle> e : bundles.entrySet()) {
            assertEquals(Bundle.ACTIVE, e.getValue().getState(), e.getKey() + " is not active");
        }
    }

    @Test
    @Order(2)
    void symbolicNamesAreTheModuleNames() {
        assertEquals("org.mtcp.spi", bundles.get("spi").getSymbolicName());
        for (String t : TRANSPORTS) {
            assertEquals("org.mtcp.transport." + t, bundles.get(t).getSymbolicName());
        }
    }

    @Test
    @Order(3)
    void theSpiExportsItsApiPackagesOnlyAndTransportsExportNothing() {
        assertEquals(SPI_API, exportedPackages(bundles.get("spi")).keySet().stream().sorted().toList());
        exportedPackages(bundles.get("spi")).forEach((pkg, version) ->
                assertEquals("0.1.0", version, pkg + " is exported without the project's version"));
        for (String t : TRANSPORTS) {
            assertEquals(Map.of(), exportedPackages(bundles.get(t)), t + " exports packages");
        }
    }

    @Test
    @Order(4)
    void transportsImportTheSpiWithAVersionRange() {
        for (String t : TRANSPORTS) {
            String imports = bundles.get(t).getHeaders().get(Constants.IMPORT_PACKAGE);
            // Transports implement Transport and TransportProvider, @ProviderType: their range ends at the
            // next minor version of org.mtcp.spi (a consumer's, at the next major).
            assertTrue(imports.contains("org.mtcp.spi;version=\"[0.1,0.2)\""), t + ": " + imports);
            BundleWiring wiring = bundles.get(t).adapt(BundleWiring.class);
            List<String> wiredTo = wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                    .filter(w -> w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)
                            .equals("org.mtcp.spi"))
                    .map(w -> w.getProvider().getSymbolicName()).toList();
            assertEquals(List.of("org.mtcp.spi"), wiredTo, t);
        }
    }

    @Test
    @Order(5)
    void theFfmBundleDeclaresJava22AndTheForeignApiThroughItsJava22Manifest() {
        Bundle ffm = bundles.get("ffm");
        assertEquals("true", ffm.getHeaders().get("Multi-Release"));
        // Felix read META-INF/versions/22/OSGI-INF/MANIFEST.MF: the bundle is wired to java.lang.foreign...
        BundleWiring wiring = ffm.adapt(BundleWiring.class);
        List<String> imported = wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(w -> (String) w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))
                .toList();
        assertTrue(imported.contains("java.lang.foreign"), imported.toString());
        // ...and requires JavaSE 22.
        List<String> ee = wiring.getRequiredWires("osgi.ee").stream()
                .map(BundleWire::getRequirement).map(r -> r.getDirectives().get("filter")).toList();
        assertEquals(List.of("(&(osgi.ee=JavaSE)(version=22))"), ee);
    }

    @Test
    @Order(10)
    void everyTransportIsAServiceNamedByItsProperty() throws Exception {
        assertEquals(TRANSPORTS, call("transports"));
        for (String t : TRANSPORTS) {
            List<String> d = call("describe", t);
            assertEquals(t, d.get(0), "provider name behind mtcp.transport=" + t);
            assertEquals(d.get(1), d.get(3), "service.ranking is the priority");
            assertEquals("", d.get(2), t + " is unavailable");
        }
    }

    @Test
    @Order(11)
    void everyTransportRoundTripsThroughBothApis() throws Exception {
        for (String t : TRANSPORTS) {
            assertEquals(List.of("hello over " + t, "mtcp over " + t), call("roundTrip", t));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "nio", "ffm"})
    @Order(12)
    void stoppingATransportBundleRemovesItsServiceAndClosesItsSockets(String t) throws Exception {
        int port = call("hold", t);
        try (Socket outside = new Socket()) {
            outside.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT_MS);
            assertEquals(outside.getLocalPort(), (int) call("acceptHeld"));
            assertEquals("timeout", call("heldState"));

            onConsumerThread(() -> {
                bundles.get(t).stop();
                return null;
            });

            assertFalse(((List<?>) call("transports")).contains(t), "service still registered");
            outside.setSoTimeout((int) WAIT_MS);
            assertTrue(closedByPeer(outside), "the accepted connection was not closed");
            assertThrows(ConnectException.class, () -> {
                try (Socket again = new Socket()) {
                    again.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT_MS);
                }
            }, "the listening socket was not closed");
            assertEquals("Bad file descriptor", call("heldState"), "the held connection's descriptor");
        } finally {
            call("release");
        }

        onConsumerThread(() -> {
            bundles.get(t).start();
            return null;
        });
        awaitTransports(TRANSPORTS);
        assertEquals(List.of("hello over " + t, "mtcp over " + t), call("roundTrip", t));
    }

    @Test
    @Order(100)
    void stoppingTheFrameworkLeavesNoMtcpThreadRunning() throws Exception {
        // The check sees our threads: the SPI's Cleaner runs since LuaSocket objects were made.
        assertTrue(mtcpThreads().contains("mtcp-cleaner"), () -> "threads: " + mtcpThreads());
        framework.stop();
        FrameworkEvent stopped = framework.waitForStop(WAIT_MS);
        assertEquals(FrameworkEvent.STOPPED, stopped.getType(), "framework did not stop in time");
        framework = null;
        user = null;
        bundles.clear();
        consumerThread.shutdown();
        assertTrue(consumerThread.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS));
        // mtcp-spi's Cleaner thread lasts as long as its class: it ends once the stopped bundles' class
        // loaders are collected. Transport threads end when their transports close.
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        List<String> left = mtcpThreads();
        while (!left.isEmpty() && System.nanoTime() < end) {
            System.gc();
            Thread.sleep(100);
            left = mtcpThreads();
        }
        assertEquals(List.of(), left, "mtcp threads still running after the framework stopped");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<String> mtcpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("mtcp-")).sorted().toList();
    }

    /** Whether the peer closed: EOF, or a reset (a close with unread data). Fails on a timeout. */
    private static boolean closedByPeer(Socket s) throws IOException {
        try (InputStream in = s.getInputStream()) {
            return in.read() == -1;
        } catch (SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private void awaitTransports(List<String> expected) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        List<String> found = call("transports");
        while (!found.containsAll(expected) && System.nanoTime() < end) {
            Thread.sleep(20);
            found = call("transports");
        }
        assertTrue(found.containsAll(expected), "transport services found: " + found);
    }

    /** Package name to version of every package the bundle exports. */
    private static Map<String, String> exportedPackages(Bundle b) {
        Map<String, String> out = new HashMap<>();
        for (BundleCapability c : b.adapt(BundleRevision.class).getDeclaredCapabilities(
                BundleRevision.PACKAGE_NAMESPACE)) {
            out.put((String) c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE),
                    String.valueOf(c.getAttributes().get("version")));
        }
        return out;
    }

    /** Calls a TransportUser method (Java types in and out only) on the consumer's thread. */
    @SuppressWarnings("unchecked")
    private <T> T call(String method, Object... args) throws Exception {
        for (Method m : user.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return (T) onConsumerThread(() -> m.invoke(user, args));
            }
        }
        throw new NoSuchMethodException(method);
    }

    /**
     * Runs an action on the consumer's own thread, as a bundle does its work on threads it owns; bundles are
     * stopped and started there too (DS deactivates a component on the thread that stops its bundle). That
     * thread ends before the final check: the FFM transport keeps native scratch memory per thread (a
     * thread-local), so any thread that ever called it keeps the FFM bundle's classes, and through their
     * wiring the framework, reachable while it lives, and with them the SPI's Cleaner thread.
     */
    private Object onConsumerThread(Callable<Object> action) throws Exception {
        Future<Object> f = consumerThread.submit(action);
        try {
            return f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException x ? x.getCause() : e.getCause();
            throw cause instanceof Exception x ? x : e;
        }
    }

    private static Path bundleJar(String key) {
        String path = System.getProperty("osgi.bundle." + key);
        assertTrue(path != null && path.endsWith(".jar") && Files.isRegularFile(Path.of(path)),
                () -> "bundle " + key + " is not a jar: " + path + " (run the tests with mvn verify, not mvn test)");
        return Path.of(path);
    }

    /** The consumer bundle: the test-compiled org.mtcp.osgi.consumer classes and a hand-written manifest. */
    private Path consumerJar() throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.mtcp.osgi.consumer");
        a.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        a.putValue(Constants.IMPORT_PACKAGE, SPI_API.stream().map(p -> p + ";version=\"[0.1,1)\"")
                .collect(Collectors.joining(",")) + ",org.osgi.framework;version=\"[1.8,2)\"");
        Path classes = Path.of(System.getProperty("osgi.consumer.classes"));
        Path jar = tmp.resolve("consumer.jar");
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes.resolve("org/mtcp/osgi/consumer"))) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        assertFalse(files.isEmpty(), "no consumer classes under " + classes);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
