package org.mtcp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jars' module descriptors, checked the way Netty's JPMS testsuite checks its own: every module
 * is named by its module-info (none automatic), the SPI uses the provider type, each transport provides it
 * and exports nothing, and the SPI exports its API packages only. Each jar's OSGi symbolic name is its
 * module name.
 */
class ModuleDescriptorTest {
    private static final String PROVIDER = "org.mtcp.spi.TransportProvider";
    private static final List<String> TRANSPORTS = List.of("org.mtcp.transport.blocking",
            "org.mtcp.transport.nio", "org.mtcp.transport.ffm");
    private static Map<String, ModuleReference> ours;

    @BeforeAll
    static void findModules() throws Exception {
        List<String> entries = ModulePathAppTest.modulePathEntries();
        Path[] jars = entries.stream().filter(e -> e.contains("/transport-") || e.contains("/mtcp-spi/"))
                .map(Path::of).toArray(Path[]::new);
        for (Path jar : jars) {
            assertTrue(jar.toString().endsWith(".jar"), jar + " is not a jar (run the tests with mvn verify)");
        }
        ours = ModuleFinder.of(jars).findAll().stream()
                .collect(Collectors.toMap(r -> r.descriptor().name(), r -> r));
        assertEquals(Set.of("org.mtcp.spi", "org.mtcp.transport.blocking", "org.mtcp.transport.nio",
                "org.mtcp.transport.ffm"), ours.keySet());
    }

    private static ModuleDescriptor descriptor(String name) {
        return ours.get(name).descriptor();
    }

    @Test
    void everyModuleIsNamedByItsDescriptorNotAutomatic() {
        for (ModuleReference r : ours.values()) {
            assertFalse(r.descriptor().isAutomatic(), r.descriptor().name() + " is an automatic module");
            assertFalse(r.descriptor().isOpen(), r.descriptor().name() + " is open");
        }
    }

    @Test
    void theSpiUsesTheProviderTypeAndExportsOnlyItsApi() {
        ModuleDescriptor spi = descriptor("org.mtcp.spi");
        assertEquals(Set.of(PROVIDER), spi.uses());
        assertEquals(Set.of("org.mtcp", "org.mtcp.mtcp", "org.mtcp.luasocket", "org.mtcp.spi"),
                spi.exports().stream().map(e -> {
                    assertFalse(e.isQualified(), e + " is a qualified export");
                    return e.source();
                }).collect(Collectors.toSet()));
        assertEquals(Set.of(), spi.opens());
        assertTrue(spi.packages().contains("org.mtcp.internal"), "the shared semantics stay inside");
    }

    @Test
    void eachTransportProvidesTheProviderTypeAndExportsNothing() {
        for (String t : TRANSPORTS) {
            ModuleDescriptor d = descriptor(t);
            assertEquals(1, d.provides().size(), t);
            ModuleDescriptor.Provides p = d.provides().iterator().next();
            assertEquals(PROVIDER, p.service(), t);
            assertEquals(1, p.providers().size(), t);
            assertTrue(p.providers().get(0).startsWith(t + "."), p.providers().get(0));
            assertEquals(Set.of(), d.exports(), t + " exports");
            assertEquals(Set.of(), d.opens(), t + " opens");
            assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("org.mtcp.spi")
                    && !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), t + " requires the SPI");
        }
    }

    @Test
    void eachBundleSymbolicNameIsTheModuleName() throws Exception {
        for (ModuleReference r : ours.values()) {
            try (JarFile jar = new JarFile(Path.of(r.location().orElseThrow()).toFile())) {
                String bsn = jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                assertEquals(r.descriptor().name(), bsn, r.location().get().toString());
            }
        }
    }
}
