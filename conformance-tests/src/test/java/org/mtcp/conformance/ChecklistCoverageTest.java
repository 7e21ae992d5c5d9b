package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mtcp.conformance.check.CoverageTable;
import org.mtcp.conformance.check.KitTest;

/** The kit covers the whole checklist: every item of the index has a test, and every test prefix is an item. */
class ChecklistCoverageTest {
    @Test
    void theIndexHoldsM1ToM52ThenL53ToL152ThenT1ToT81InOrder() {
        List<String> ids = Checklist.load().items().stream().map(Checklist.Item::id)
                .filter(id -> !id.startsWith("E")).collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 152; i++) {
            expected.add((i <= 52 ? "M" : "L") + i);
        }
        for (int i = 1; i <= 81; i++) {
            expected.add("T" + i);
        }
        assertEquals(expected, ids);
        // The transport primitives have their own area; T1-T5 (threading) stay in "state".
        assertEquals("transport", Checklist.load().item("T6").orElseThrow().area());
        assertEquals("state", Checklist.load().item("T1").orElseThrow().area());
        assertTrue(Checklist.load().items().stream().allMatch(i -> !i.title().isBlank()));
    }

    @Test
    void theEventLoopSeriesIsNumberedFromE1InOrder() {
        List<String> ids = Checklist.load().items().stream().map(Checklist.Item::id)
                .filter(id -> id.startsWith("E")).collect(Collectors.toList());
        assertTrue(ids.size() >= 6, () -> "E items: " + ids);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("E" + (i + 1), ids.get(i));
        }
    }

    @Test
    void everyChecklistItemHasATest() {
        List<String> missing = CoverageTable.of(KitTest.all()).missing();
        assertTrue(missing.isEmpty(), () -> missing.size() + " checklist items have no test in the kit: "
                + String.join(", ", missing));
    }

    @Test
    void everyItemPrefixNamesAChecklistItem() {
        List<String> unknown = CoverageTable.of(KitTest.all()).unknownItems();
        assertTrue(unknown.isEmpty(), () -> "tests claim items the checklist lacks: " + unknown);
    }

    @Test
    void prefixesAreRead() {
        assertEquals("L117", Checklist.itemOf("L117_blockTimeoutAloneLimitsTheWholeCall").orElseThrow());
        assertEquals("M7", Checklist.itemOf("M07_x").orElseThrow());
        assertEquals("T31", Checklist.itemOf("T31_aResetIsReportedOnce").orElseThrow());
        assertEquals("E5", Checklist.itemOf("E5_eventLoopSchedulesFollowTheKernelSocketModel").orElseThrow());
        assertTrue(Checklist.itemOf("I1_interop").isEmpty());
        assertTrue(Checklist.itemOf("sendIndexRulesMatchTheModel").isEmpty());
    }

    @Test
    void everyKitTestHasAnArea() {
        for (KitTest t : KitTest.all()) {
            assertTrue(Checklist.AREAS.contains(t.area()), t.toString());
        }
        assertTrue(KitTest.all().stream().anyMatch(t -> t.area().equals("interop")), "interop tests found");
        assertTrue(KitTest.all().stream().filter(t -> t.area().equals("transport")).count() >= 76,
                "the transport contract's tests are in the kit");
    }
}
