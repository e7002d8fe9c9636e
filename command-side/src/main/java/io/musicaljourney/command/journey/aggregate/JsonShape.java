package io.musicaljourney.command.journey.aggregate;

import java.util.Collection;
import java.util.Map;

/**
 * Measures client-supplied JSON (extra node fields, the graph drawing) as deserialized maps and lists, so the
 * aggregate can bound what it stores forever without depending on a JSON library.
 */
final class JsonShape {

    static final int MAX_DEPTH = 32;

    private JsonShape() {
    }

    /** Approximate serialized length in characters; stops counting once {@code limit} is passed. */
    static long size(Object value, long limit) {
        return size(value, limit, 0);
    }

    private static long size(Object value, long limit, long soFar) {
        if (soFar > limit) {
            return soFar;
        }
        if (value instanceof Map<?, ?> map) {
            long total = soFar + 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total += String.valueOf(entry.getKey()).length() + 4;
                total = size(entry.getValue(), limit, total);
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
        if (value instanceof Collection<?> list) {
            long total = soFar + 2;
            for (Object element : list) {
                total = size(element, limit, total + 1);
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
        return soFar + (value == null ? 4 : String.valueOf(value).length() + 2);
    }

    /** False when a key or a string holds what PostgreSQL's JSONB cannot store: NUL, or an unpaired surrogate. */
    static boolean storable(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!storable(String.valueOf(entry.getKey())) || !storable(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (!storable(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0) {
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    static int depth(Object value) {
        return depth(value, 0);
    }

    private static int depth(Object value, int current) {
        if (current > MAX_DEPTH) {
            return current;
        }
        int deepest = current;
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                deepest = Math.max(deepest, depth(child, current + 1));
            }
        } else if (value instanceof Collection<?> list) {
            for (Object child : list) {
                deepest = Math.max(deepest, depth(child, current + 1));
            }
        }
        return deepest;
    }
}
