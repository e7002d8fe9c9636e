package io.musicaljourney.app.web.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.app.web.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Checks request bodies before any route or JSON parser sees them. A body over the limit is a 413 problem, whether
 * its {@code Content-Length} says so or it arrives chunked; at most the limit (plus one byte) is ever held in memory.
 * A JSON body must be well-formed UTF-8 (RFC 8259): Jackson's own decoder lets overlong forms and encoded
 * surrogates through, which would let {@code C0 AF} stand for a slash. The body of a method that may carry one is
 * buffered, so it can be read twice (see {@link CachedBodyRequest}).
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final long maxBytes;
    private final ObjectMapper json;

    public RequestBodyFilter(long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WITH_BODY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        // Reading (rather than refusing on the header alone) lets Tomcat swallow the rest and keep the connection.
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes || request.getContentLengthLong() > maxBytes) {
            refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + describe(maxBytes));
            return;
        }
        if (isJson(request.getContentType()) && !isUtf8(body)) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Request body is not valid UTF-8");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
            out.write(buffer, 0, read);
            total += read;
        }
        return out.toByteArray();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException unparseable) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException malformed) {
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
            throws IOException {
        FilterProblems.write(json, request, response, status, message);
    }

    static String describe(long bytes) {
        long mebibyte = 1024L * 1024L;
        return bytes % mebibyte == 0 ? bytes / mebibyte + " MB" : bytes + " bytes";
    }
}
