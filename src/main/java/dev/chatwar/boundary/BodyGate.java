package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.files.FileRules;
import dev.chatwar.files.Uploads;
import dev.chatwar.identity.Authentication;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Reads every API request body before the API sees it, without holding a thread while it trickles in: the
 * body is read asynchronously, must arrive whole within {@link #DEADLINE_MILLIS} (else 408) and hold at most
 * {@link #MAX_BODY_BYTES} (else 413). Only then is the request dispatched to the API, with the body in memory.
 * A file upload ({@code POST /api/rooms/{room}/files}) is let in with larger bounds ({@link Uploads}), but only
 * once its sender is signed in and has a slot: nobody else makes the server hold megabytes.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class BodyGate extends HttpFilter {

    public static final int MAX_BODY_BYTES = 32 * 1024;
    public static final long DEADLINE_MILLIS = 10_000;
    private static final String BODY = BodyGate.class.getName() + ".body";
    private static final Pattern UPLOAD = Pattern.compile("/api/rooms/[^/]+/files");

    @Inject
    Authentication authentication;

    @Inject
    FileRules files;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(response); // this filter may end the request's first pass before that one runs
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            chain.doFilter(new BufferedBody(request, body), response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared == 0 || declared < 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        Limits limits = limits(request, response);
        if (limits == null) {
            return; // refused already
        }
        if (declared > limits.maxBytes()) {
            limits.release().run();
            refuse(response, ErrorCode.BODY_TOO_LARGE, "a request body holds at most " + limits.maxBytes() + " bytes");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(limits.deadlineMillis());
        AtomicBoolean settled = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (settled.compareAndSet(false, true)) {
                    limits.release().run();
                    refuse(response, ErrorCode.BODY_TIMEOUT, "the request body did not arrive within "
                            + limits.deadlineMillis() / 1000 + " s");
                    response.flushBuffer();
                }
                // No complete(): Undertow would then read the rest of the body on a worker thread, as slowly as
                // it trickles in. Left uncompleted with the answer committed, the container closes the connection.
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                if (settled.compareAndSet(false, true)) {
                    limits.release().run();
                }
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        ServletInputStream in = request.getInputStream();
        in.setReadListener(new BodyReader(in, declared, async, response, settled, limits));
    }

    /** How much body a request may bring, and what gives its slot back once it is read or refused. */
    private record Limits(long maxBytes, long deadlineMillis, Runnable release) {
    }

    private static final Limits API = new Limits(MAX_BODY_BYTES, DEADLINE_MILLIS, () -> { });

    // null when the request was refused: an upload by nobody signed in, or beyond the upload slots
    private Limits limits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!request.getMethod().equals("POST") || !UPLOAD.matcher(path).matches()) {
            return API;
        }
        UserName user;
        try {
            user = authentication.require(request).user();
        } catch (ChatException refused) {
            refuse(response, refused.code(), refused.getMessage());
            return null;
        }
        Uploads uploads = files.uploads();
        switch (uploads.begin(user)) {
            case USER_BUSY -> {
                refuse(response, ErrorCode.RATE_LIMITED, "at most " + Uploads.PER_USER + " uploads of yours at once");
                return null;
            }
            case NODE_BUSY -> {
                refuse(response, ErrorCode.SERVER_BUSY, "the server is receiving many files: try again shortly");
                return null;
            }
            default -> {
                AtomicBoolean released = new AtomicBoolean();
                return new Limits(uploads.maxBytes(), uploads.deadlineMillis(), () -> {
                    if (released.compareAndSet(false, true)) {
                        uploads.done(user);
                    }
                });
            }
        }
    }

    private final class BodyReader implements ReadListener {

        private final ServletInputStream in;
        private final long declared;
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final AtomicBoolean settled;
        private final Limits limits;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer; // per waiting body: small, as bodies are, but for files

        BodyReader(ServletInputStream in, long declared, AsyncContext async, HttpServletResponse response,
                   AtomicBoolean settled, Limits limits) {
            this.in = in;
            this.declared = declared;
            this.async = async;
            this.response = response;
            this.settled = settled;
            this.limits = limits;
            this.buffer = new byte[limits == API ? 1024 : 16 * 1024];
        }

        @Override
        public void onDataAvailable() throws IOException {
            drain();
            if (declared >= 0 ? body.size() >= declared : in.isFinished()) {
                finish();
            }
        }

        // Grizzly (Payara) may call this first, with the whole body still unread, and never onDataAvailable
        @Override
        public void onAllDataRead() throws IOException {
            drain();
            if (declared < 0 || body.size() >= declared) {
                finish();
            }
        }

        private void drain() throws IOException {
            while (!settled.get() && in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                body.write(buffer, 0, read);
                if (body.size() > limits.maxBytes() && settled.compareAndSet(false, true)) {
                    limits.release().run();
                    body.reset();
                    refuse(response, ErrorCode.BODY_TOO_LARGE, "a request body holds at most " + limits.maxBytes()
                            + " bytes");
                    response.flushBuffer(); // and nothing more is read: the deadline closes the connection
                }
            }
        }

        // the upload's slot is given back once the body is handed on: storing it is the resource's, and quick
        private void finish() {
            if (settled.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, body.toByteArray());
                limits.release().run();
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                limits.release().run();
                async.complete(); // the client went away or broke the body: nobody is left to answer
            }
        }
    }

    // the rest of the body is not read: the connection cannot carry another request
    private static void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setHeader("Connection", "close");
        FilterAnswers.refuse(response, code, message);
    }
}
