package io.musicaljourney.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's problem+json error (as {@link ApiExceptionHandler} writes it), for servlet filters that answer
 * before any controller or exception handler runs.
 */
public final class FilterProblems {

    private FilterProblems() {
    }

    public static void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String message) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", message);
        problem.put("instance", request.getRequestURI());
        problem.put("error", message);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
