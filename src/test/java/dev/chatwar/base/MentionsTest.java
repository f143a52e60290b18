package dev.chatwar.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsEachAtNameOnceAsItsKey() {
        assertEquals(List.of("bob", "carol"), List.copyOf(Mentions.candidates("@Bob and @carol, then @BOB again")));
    }

    @Test
    void triesANameWithoutTheDotsThatEndASentence() {
        assertEquals(Set.of("bob.", "bob"), Mentions.candidates("thanks @bob."));
        assertEquals(Set.of("j.doe"), Mentions.candidates("ask @j.doe about it"));
    }

    @Test
    void anEmailAddressOrALoneAtMentionsNobody() {
        assertEquals(Set.of(), Mentions.candidates("mail bob@example.com or write @ or @@"));
    }

    @Test
    void takesNoMoreThanTheMostNamesAMessageMayMention() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("@user").append(i).append(' ');
        }
        assertEquals(Mentions.MAX, Mentions.candidates(text.toString()).size());
    }

    @Test
    void aNameLongerThanANameMayBeIsNoMention() {
        assertEquals(Set.of(), Mentions.candidates("@" + "x".repeat(40)));
    }
}
