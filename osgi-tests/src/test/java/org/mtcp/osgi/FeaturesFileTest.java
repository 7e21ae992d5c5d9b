package org.mtcp.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Karaf feature file (src/main/features/features.xml) names bundles that resolve: feature {@code mtcp}'s
 * bundles, its {@code mtcp-api} feature's and, for Karaf's {@code scr} feature, Felix SCR with its API
 * bundles, are installed in a fresh Felix, all start, and the three transports become services.
 */
class FeaturesFileTest {
    /** Where the build put each artifact of ours (the jar paths FelixFrameworkTest uses too). */
    private static final Map<String, String> JAR_PROPERTY = Map.of("mtcp-spi", "spi",
            "mtcp-transport-blocking", "blocking", "mtcp-transport-nio", "nio", "mtcp-transport-ffm", "ffm");

    @TempDir
    Path tmp;

    @Test
    void featureMtcpResolvesInFelixAndRegistersEveryTransport() throws Exception {
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(Path.of(System.getProperty("osgi.features")).toFile());
        Map<String, Element> features = new HashMap<>();
        NodeList fs = doc.getElementsByTagNameNS("*", "feature");
        for (int i = 0; i < fs.getLength(); i++) {
            Element f = (Element) fs.item(i);
            if (f.hasAttribute("name")) {
                features.put(f.getAttribute("name"), f);
            }
        }
        assertEquals(List.of("mtcp", "mtcp-api"), features.keySet().stream().sorted().toList());
        List<String> urls = new ArrayList<>();
        List<String> needed = new ArrayList<>();
        collect(features, "mtcp", urls, needed);
        assertEquals(List.of("scr"), needed, "features from outside this file");

        String version = System.getProperty("osgi.version");
        List<Path> jars = new ArrayList<>();
        for (String url : urls) {
            String[] gav = url.substring("mvn:".length()).split("/");
            assertEquals("org.mtcp", gav[0], url);
            assertEquals(version, gav[2], url + " has the project's version");
            String key = JAR_PROPERTY.get(gav[1]);
            assertTrue(key != null, "unknown artifact in " + url);
            jars.add(Path.of(System.getProperty("osgi.bundle." + key)));
        }
        assertEquals(4, jars.size(), urls.toString());

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        try {
            BundleContext system = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (String scr : List.of("function", "promise", "component", "scr")) { // Karaf's scr feature
                installed.add(system.installBundle(Path.of(System.getProperty("osgi.bundle." + scr)).toUri().toString()));
            }
            for (Path jar : jars) {
                assertTrue(Files.isRegularFile(jar), jar + " (run with mvn verify)");
                installed.add(system.installBundle(jar.toUri().toString()));
            }
            for (Bundle b : installed) {
                b.start();
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName());
            }
            List<String> names = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (names.size() < 3 && System.nanoTime() < deadline) {
                names.clear();
                ServiceReference<?>[] refs = system.getAllServiceReferences("org.mtcp.spi.TransportProvider", null);
                for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                    names.add((String) r.getProperty("mtcp.transport"));
                }
                Thread.sleep(20);
            }
            assertEquals(List.of("blocking", "ffm", "nio"), names.stream().sorted().toList());
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** The bundle URLs of a feature and the features it names, depth first; outside features into needed. */
    private static void collect(Map<String, Element> features, String name, List<String> urls, List<String> needed) {
        Element f = features.get(name);
        NodeList children = f.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element e)) {
                continue;
            }
            String text = e.getTextContent().strip();
            if (e.getLocalName().equals("bundle")) {
                urls.add(text);
            } else if (e.getLocalName().equals("feature")) {
                if (features.containsKey(text)) {
                    collect(features, text, urls, needed);
                } else {
                    needed.add(text);
                }
            }
        }
    }
}
