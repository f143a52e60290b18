package dev.chatwar.protocol;

/**
 * Puts a text message together from the parts a WebSocket container hands over as they arrive, and gives up on
 * one as soon as it is over the size limit, keeping nothing of it. A container that buffers whole messages
 * itself may keep reading one that never ends (Undertow does: its size check does not stop a message that spans
 * many reads), so the endpoint takes parts and holds at most the limit.
 *
 * <p>One per connection, used by one part at a time, as the container delivers them.
 */
public final class TextAssembly {

    private final int maxBytes;
    private final StringBuilder parts = new StringBuilder();
    private boolean refusing;

    public TextAssembly(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What one part made of its message. */
    public sealed interface Outcome {
        /** More parts are to come. */
        record Incomplete() implements Outcome {
        }

        /** The last part came: the whole message, within the limit. */
        record Whole(String text) implements Outcome {
        }

        /** The message is over the limit: reported once, at the part that took it over; its rest is dropped. */
        record TooBig() implements Outcome {
        }

        /** A part of a message already refused. */
        record Dropped() implements Outcome {
        }
    }

    private static final Outcome INCOMPLETE = new Outcome.Incomplete();
    private static final Outcome TOO_BIG = new Outcome.TooBig();
    private static final Outcome DROPPED = new Outcome.Dropped();

    public Outcome add(String part, boolean last) {
        if (refusing) {
            refusing = !last;
            return DROPPED;
        }
        if (parts.isEmpty() && last) {
            return FrameSize.exceeds(part, maxBytes) ? TOO_BIG : new Outcome.Whole(part);
        }
        // every char is at least one byte: a length over the limit is over it in bytes too
        if ((long) parts.length() + part.length() > maxBytes) {
            return refuse(last);
        }
        parts.append(part);
        if (!last) {
            return INCOMPLETE;
        }
        String whole = parts.toString();
        parts.setLength(0);
        return FrameSize.exceeds(whole, maxBytes) ? TOO_BIG : new Outcome.Whole(whole);
    }

    private Outcome refuse(boolean last) {
        parts.setLength(0);
        parts.trimToSize();
        refusing = !last;
        return TOO_BIG;
    }
}
