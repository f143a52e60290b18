package dev.chatwar.boundary;

import dev.chatwar.base.ErrorCode;
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
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads every API request body before the API sees it, without holding a thread while it trickles in: the
 * body is read asynchronously, must arrive whole within {@link #DEADLINE_MILLIS} (else 408) and hold at most
 * {@link #MAX_BODY_BYTES} (else 413). Only then is the request dispatched to the API, with the body in memory.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class BodyGate extends HttpFilter {

    public static final int MAX_BODY_BYTES = 32 * 1024;
    public static final long DEADLINE_MILLIS = 10_000;
    private static final String BODY = BodyGate.class.getName() + ".body";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(response); // this filter may end the request's first pass before that one runs
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            chain.doFilter(withBody(request, body), response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared == 0 || declared < 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > MAX_BODY_BYTES) {
            refuse(response, ErrorCode.BODY_TOO_LARGE, "a request body holds at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(DEADLINE_MILLIS);
        AtomicBoolean settled = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (settled.compareAndSet(false, true)) {
                    refuse(response, ErrorCode.BODY_TIMEOUT, "the request body did not arrive within " + DEADLINE_MILLIS / 1000 + " s");
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
                settled.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        ServletInputStream in = request.getInputStream();
        in.setReadListener(new BodyReader(in, declared, async, response, settled));
    }

    private final class BodyReader implements ReadListener {

        private final ServletInputStream in;
        private final long declared;
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final AtomicBoolean settled;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[1024]; // per waiting body: small, as bodies are

        BodyReader(ServletInputStream in, long declared, AsyncContext async, HttpServletResponse response,
                   AtomicBoolean settled) {
            this.in = in;
            this.declared = declared;
            this.async = async;
            this.response = response;
            this.settled = settled;
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
                if (body.size() > MAX_BODY_BYTES && settled.compareAndSet(false, true)) {
                    refuse(response, ErrorCode.BODY_TOO_LARGE, "a request body holds at most " + MAX_BODY_BYTES + " bytes");
                    response.flushBuffer(); // and nothing more is read: the deadline closes the connection
                }
            }
        }

        private void finish() {
            if (settled.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                async.complete(); // the client went away or broke the body: nobody is left to answer
            }
        }
    }

    // the rest of the body is not read: the connection cannot carry another request
    private static void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setHeader("Connection", "close");
        FilterAnswers.refuse(response, code, message);
    }

    private static HttpServletRequest withBody(HttpServletRequest request, byte[] body) {
        return new HttpServletRequestWrapper(request) {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(body);

            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return bytes.read();
                    }

                    @Override
                    public int read(byte[] into, int offset, int length) {
                        return bytes.read(into, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return bytes.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("the body was read already");
                    }
                };
            }

            @Override
            public int getContentLength() {
                return body.length;
            }

            @Override
            public long getContentLengthLong() {
                return body.length;
            }
        };
    }
}
