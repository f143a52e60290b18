package dev.chatwar.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/** Replies, threads and reactions on a {@link ChatPage}, done the way a user does them: with the buttons. */
record PageThreads(ChatPage chat) {

    private Page page() {
        return chat.page();
    }

    private Locator message(String text) {
        return page().locator("#messages li.message").filter(new Locator.FilterOptions()
                .setHas(page().locator(".text", new Page.LocatorOptions().setHasText(text))));
    }

    /** Answers the message with this text through its Reply button and the message field. */
    PageThreads reply(String text, String answer) {
        message(text).first().hover();
        message(text).first().locator("button", new Locator.LocatorOptions().setHasText("Reply")).click();
        page().locator("#text").fill(answer);
        page().locator("#send").click();
        return this;
    }

    /** Puts an emoji on the message through the reaction picker. */
    PageThreads react(String text, String emoji) {
        Locator item = message(text).first();
        item.hover();
        item.locator(".add-reaction").click();
        item.locator("button[aria-label=\"React with " + emoji + "\"]").click();
        return this;
    }

    /** Clicks the message's reaction chip of this emoji: mine comes off, else mine goes on. */
    PageThreads toggle(String text, String emoji) {
        message(text).first().locator(".reactions .chip[aria-pressed]", new Locator.LocatorOptions()
                .setHasText(emoji)).click();
        return this;
    }

    /** The message's reaction chips as shown, such as "👍 2*" (the star: pressed, mine). */
    @SuppressWarnings("unchecked")
    List<String> reactions(String text) {
        return (List<String>) page().evaluate("text => [...document.querySelectorAll('#messages li.message')]"
                + ".filter(li => li.querySelector('.text').textContent === text)"
                + ".flatMap(li => [...li.querySelectorAll('.reactions .chip[aria-pressed]')])"
                + ".map(b => b.textContent + (b.getAttribute('aria-pressed') === 'true' ? '*' : ''))", text);
    }

    /** The quote above the message with this text, as shown; empty when it has none. */
    String quote(String text) {
        Object quote = page().evaluate("text => [...document.querySelectorAll('#messages li.message')]"
                + ".filter(li => li.querySelector('.text').textContent === text)"
                + ".map(li => li.querySelector('blockquote.quote')?.textContent || '')[0] || ''", text);
        return (String) quote;
    }

    /** The thread summary under the message, such as "2 replies · last at 10:42"; empty when none. */
    String summary(String text) {
        return (String) page().evaluate("text => [...document.querySelectorAll('#messages li.message')]"
                + ".filter(li => li.querySelector('.text').textContent === text)"
                + ".map(li => li.querySelector(':scope > button')?.textContent || '')[0] || ''", text);
    }

    PageThreads open(String text) {
        message(text).first().locator(":scope > button").click();
        return this;
    }

    @SuppressWarnings("unchecked")
    List<String> threadTexts() {
        return (List<String>) page().evaluate("() => [...document.querySelectorAll('#thread-list li.message .text')]"
                + ".map(e => e.textContent)");
    }

    PageThreads replyInThread(String answer) {
        page().locator("#thread-text").fill(answer);
        page().locator("#thread-send").click();
        return this;
    }

    /** Searches from the search pane until {@code count} results show (the index takes about a second). */
    @SuppressWarnings("unchecked")
    List<String> searchUntil(String q, int count) {
        page().locator("#search-open").click();
        page().locator("#search-text").fill(q);
        return ChatClient.waiting().until(() -> {
            page().locator("#search-form button").click();
            ChatClient.waiting().until(() -> !page().locator("#search-status").innerText().equals("Searching…"));
            return (List<String>) page().evaluate("() => [...document.querySelectorAll('#search-results .found')]"
                    + ".map(e => e.textContent)");
        }, found -> found.size() == count);
    }

    @SuppressWarnings("unchecked")
    List<String> marked() {
        return (List<String>) page().evaluate("() => [...document.querySelectorAll('#search-results mark')]"
                + ".map(e => e.textContent)");
    }

    /** Opens the n-th result; returns the text of the message the room then marks. */
    String openResult(int n) {
        page().locator("#search-results .result").nth(n).click();
        return ChatClient.waiting().until(() -> (String) page().evaluate(
                "() => document.querySelector('#messages li.found .text')?.textContent || ''"), text -> !text.isEmpty());
    }

    /** Sends a file through the page's attach button, as if chosen in the file dialog. */
    PageThreads attach(String name, String type, byte[] bytes) {
        page().locator("#file").setInputFiles(new com.microsoft.playwright.options.FilePayload(name, type, bytes));
        return this;
    }

    /** The width of the image the message with this text shows once loaded; 0 while it is not. */
    int imageWidth(String text) {
        Object width = page().evaluate("text => [...document.querySelectorAll('#messages li.message')]"
                + ".filter(li => li.querySelector('.text').textContent === text)"
                + ".map(li => li.querySelector('.attachment img')).filter(img => img && img.complete)"
                + ".map(img => img.naturalWidth)[0] || 0", text);
        return ((Number) width).intValue();
    }

    /** The link and size a file's message shows, such as "📄 notes.txt 12 B"; empty when none. */
    String fileShown(String text) {
        return (String) page().evaluate("text => [...document.querySelectorAll('#messages li.message')]"
                + ".filter(li => li.querySelector('.text').textContent === text)"
                + ".map(li => li.querySelector('.attachment')?.textContent || '')[0] || ''", text);
    }
}
