package jrocker.step01.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EveryOneTest {
    @Test
    void everyItemIsTriedAndTheFirstFailureCarriesTheOthers() {
        List<String> tried = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> EveryOne.tryEach(List.of("a", "b", "c"), item -> {
            tried.add(item);
            if (!item.equals("b")) {
                throw new IllegalStateException(item);
            }
        }));
        assertEquals(List.of("a", "b", "c"), tried);
        assertEquals("a", thrown.getMessage());
        assertArrayEquals(new String[] {"c"}, java.util.Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).toArray());
    }

    @Test
    void nothingFailingThrowsNothing() {
        List<String> tried = new ArrayList<>();
        EveryOne.tryEach(List.of("a", "b"), tried::add);
        assertEquals(List.of("a", "b"), tried);
    }
}
