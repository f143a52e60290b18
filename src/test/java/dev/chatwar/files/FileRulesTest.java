package dev.chatwar.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.UserName;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What a file is taken for, what it is called, and how many may come at once: without a server. */
class FileRulesTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void onlyTheFirstBytesOfAKnownImageMakeAnImage() {
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        assertEquals("image/png", FileKinds.typeOf(png));
        assertEquals("image/jpeg", FileKinds.typeOf(bytes("\u00ff\u00d8\u00ff\u00e0rest")));
        assertEquals("image/gif", FileKinds.typeOf(bytes("GIF89a....")));
        assertEquals("image/webp", FileKinds.typeOf(bytes("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")));
        for (String hostile : new String[] {"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
                "<html><script>alert(1)</script>", "GIF8", "RIFF1234WAVE", ""}) {
            assertEquals(FileKinds.DOWNLOAD, FileKinds.typeOf(bytes(hostile)), hostile);
            assertFalse(FileKinds.isImage(FileKinds.typeOf(bytes(hostile))));
        }
    }

    @Test
    void aNameKeepsItsLastPartWithoutCharactersThatDisguiseIt() {
        assertEquals("passwd", FileNames.clean("../../etc/passwd"));
        assertEquals("photo.jpg", FileNames.clean("C:\\Users\\me\\photo.jpg"));
        assertEquals("gnp.exe", FileNames.clean("\u202egnp.exe"));
        assertEquals("file", FileNames.clean("\u0000\u0007"));
        assertEquals("file", FileNames.clean(".."));
        assertEquals("résumé 2026.pdf", FileNames.clean(" résumé 2026.pdf "));
        assertEquals(255, FileNames.clean("x".repeat(300)).length());
        assertEquals("attachment; filename=\"r_sum_ _x_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22x%22.pdf",
                FileNames.disposition(false, "résumé \"x\".pdf"));
        assertTrue(FileNames.disposition(true, "a.png").startsWith("inline; "));
    }

    @Test
    void twoUploadsOfAUserAtOnceAndEightOfANode() {
        Uploads uploads = new Uploads(1024, 1000, 3);
        UserName alice = new UserName("alice");
        UserName bob = new UserName("bob");
        assertEquals(Uploads.Refusal.NONE, uploads.begin(alice));
        assertEquals(Uploads.Refusal.NONE, uploads.begin(alice));
        assertEquals(Uploads.Refusal.USER_BUSY, uploads.begin(alice));
        assertEquals(Uploads.Refusal.NONE, uploads.begin(bob));
        assertEquals(Uploads.Refusal.NODE_BUSY, uploads.begin(new UserName("carol")));
        uploads.done(alice);
        assertEquals(Uploads.Refusal.NONE, uploads.begin(new UserName("carol")), "a slot given back is taken again");
        assertEquals(Uploads.Refusal.NODE_BUSY, uploads.begin(bob));
        assertEquals(Uploads.Refusal.NODE_BUSY, uploads.begin(alice), "alice has one of two: the node is the bound");
    }
}
