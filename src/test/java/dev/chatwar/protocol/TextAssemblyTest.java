package dev.chatwar.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class TextAssemblyTest {

    private final TextAssembly assembly = new TextAssembly(10);

    @Test
    void aMessageInOnePartIsWholeAtOnce() {
        assertEquals(new TextAssembly.Outcome.Whole("0123456789"), assembly.add("0123456789", true));
    }

    @Test
    void partsAreJoinedInOrderAndTheNextMessageStartsAfresh() {
        assertInstanceOf(TextAssembly.Outcome.Incomplete.class, assembly.add("abc", false));
        assertInstanceOf(TextAssembly.Outcome.Incomplete.class, assembly.add("def", false));
        assertEquals(new TextAssembly.Outcome.Whole("abcdefg"), assembly.add("g", true));

        assertEquals(new TextAssembly.Outcome.Whole("next"), assembly.add("next", true));
    }

    @Test
    void aMessageIsRefusedAtThePartThatTakesItOverTheLimitAndItsRestIsDropped() {
        assertInstanceOf(TextAssembly.Outcome.Incomplete.class, assembly.add("0123456", false));
        assertInstanceOf(TextAssembly.Outcome.TooBig.class, assembly.add("7890", false));
        for (int i = 0; i < 1000; i++) {
            assertInstanceOf(TextAssembly.Outcome.Dropped.class, assembly.add("x".repeat(1000), false));
        }
        assertInstanceOf(TextAssembly.Outcome.Dropped.class, assembly.add("end", true));

        assertEquals(new TextAssembly.Outcome.Whole("fits"), assembly.add("fits", true), "the next message counts anew");
    }

    @Test
    void theLimitIsInUtf8BytesNotInCharacters() {
        // five two-byte letters are ten bytes; one more is eleven
        assertInstanceOf(TextAssembly.Outcome.Incomplete.class, assembly.add("ééé", false));
        assertEquals(new TextAssembly.Outcome.Whole("ééééé"), assembly.add("éé", true));
        assertInstanceOf(TextAssembly.Outcome.Incomplete.class, assembly.add("éééé", false));
        assertInstanceOf(TextAssembly.Outcome.TooBig.class, assembly.add("éé", true));
        assertInstanceOf(TextAssembly.Outcome.TooBig.class, assembly.add("ééééééé", true));
    }
}
