package io.musicaljourney.app.config;

import java.util.regex.Pattern;

/**
 * What the audit records about the client that sent a command: a coarse name, never the full User-Agent, which
 * together with the time can single a person out. A client may name itself in {@code X-Client} (such as
 * {@code all-ears-web/1.4}); otherwise browsers are "browser" and other agents keep their first product token
 * (such as {@code curl/8.5.0}). Anything that is not a plain product token is dropped.
 */
final class ClientName {

    static final String HEADER = "X-Client";
    private static final Pattern PRODUCT_TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+/-]{0,63}");

    private ClientName() {
    }

    /** Null when the request says nothing usable. */
    static String of(String clientHeader, String userAgent) {
        if (clientHeader != null && PRODUCT_TOKEN.matcher(clientHeader.strip()).matches()) {
            return clientHeader.strip();
        }
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String first = userAgent.strip().split("\\s+", 2)[0];
        if (first.startsWith("Mozilla/")) {
            return "browser";
        }
        return PRODUCT_TOKEN.matcher(first).matches() ? first : null;
    }
}
