package io.musicaljourney.pathway.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathway;
import io.musicaljourney.pathway.PathwayNode;
import io.musicaljourney.pathway.Pathways;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of pathways and narratives as the frontend relies on it: parses a model's text into the answer
 * records and checks the rules of {@link PathwayPrompts}. The offline catalog's answers are held to the same
 * rules in its tests.
 */
public final class PathwayOutputValidator {

    public static final int MIN_PATHWAYS = 3;
    public static final int MAX_PATHWAYS = 5;
    public static final int MIN_NODES = 2;
    public static final int MAX_NODES = 4;
    public static final int MAX_TRACKS = 5;
    /**
     * Models count words loosely; an answer of 140 or 215 words still reads as the 150-200 the frontend lays out
     * for, and refusing it would turn a good story into an error.
     */
    public static final int MIN_NARRATIVE_WORDS = 120;
    public static final int MAX_NARRATIVE_WORDS = 240;

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<NodeType> NODE_TYPES = EnumSet.of(NodeType.ARTIST, NodeType.GENRE);
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "mt",
            "no", "vol", "feat", "ft", "co", "inc", "ltd", "u.s", "u.k", "e.g", "i.e", "etc", "approx", "ca");

    private final ObjectMapper json;

    public PathwayOutputValidator(ObjectMapper json) {
        this.json = json;
    }

    public Pathways pathways(String modelText) {
        JsonNode root = parse(modelText);
        JsonNode list = root.path("pathways");
        if (!list.isArray()) {
            throw new InvalidModelOutputException("no \"pathways\" array");
        }
        List<Pathway> pathways = new ArrayList<>();
        for (JsonNode item : list) {
            PathwayType type = PathwayType.parse(item.path("type").asText(null))
                    .orElseThrow(() -> new InvalidModelOutputException("unknown pathway type " + item.path("type")));
            JsonNode nodes = item.path("nodes");
            if (!nodes.isArray()) {
                throw new InvalidModelOutputException("pathway " + type.frontendName() + " has no \"nodes\" array");
            }
            List<PathwayNode> parsed = new ArrayList<>();
            for (JsonNode node : nodes) {
                NodeType nodeType = NodeType.parse(node.path("nodeType").asText(null))
                        .filter(NODE_TYPES::contains)
                        .orElseThrow(() -> new InvalidModelOutputException("nodeType must be artist or genre, not "
                                + node.path("nodeType")));
                JsonNode tracks = node.path("representativeTrackTitles");
                List<String> titles = new ArrayList<>();
                if (tracks.isArray()) {
                    tracks.forEach(title -> titles.add(title.asText()));
                } else if (!tracks.isMissingNode() && !tracks.isNull()) {
                    throw new InvalidModelOutputException("representativeTrackTitles must be an array");
                }
                parsed.add(new PathwayNode(nodeType, text(node, "nodeId"), text(node, "nodeName"),
                        text(node, "description"), titles));
            }
            pathways.add(new Pathway(type, text(item, "title"), parsed));
        }
        Pathways answer = new Pathways(pathways);
        check(answer);
        return answer;
    }

    /** The rules on an answer, whoever made it. */
    public void check(Pathways answer) {
        List<Pathway> pathways = answer.pathways();
        if (pathways.size() < MIN_PATHWAYS || pathways.size() > MAX_PATHWAYS) {
            throw new InvalidModelOutputException(pathways.size() + " pathways, not 3 to 5");
        }
        Set<PathwayType> seen = EnumSet.noneOf(PathwayType.class);
        for (Pathway pathway : pathways) {
            String where = "pathway " + pathway.type().frontendName();
            if (!seen.add(pathway.type())) {
                throw new InvalidModelOutputException(where + " appears twice");
            }
            requireText(pathway.title(), where + ": title");
            if (pathway.nodes().size() < MIN_NODES || pathway.nodes().size() > MAX_NODES) {
                throw new InvalidModelOutputException(where + " has " + pathway.nodes().size()
                        + " nodes, not 2 to 4");
            }
            for (PathwayNode node : pathway.nodes()) {
                String at = where + ", node " + node.nodeId();
                if (!NODE_TYPES.contains(node.nodeType())) {
                    throw new InvalidModelOutputException(at + ": nodeType must be artist or genre");
                }
                requireText(node.nodeId(), where + ": nodeId");
                requireText(node.nodeName(), at + ": nodeName");
                requireText(node.description(), at + ": description");
                if (node.nodeType() == NodeType.GENRE && !KEBAB.matcher(node.nodeId()).matches()) {
                    throw new InvalidModelOutputException(at + ": a genre id must be kebab-case");
                }
                int sentences = sentences(node.description());
                if (sentences != 2) {
                    throw new InvalidModelOutputException(at + ": description has " + sentences
                            + " sentences, not 2");
                }
                if (node.representativeTrackTitles().size() > MAX_TRACKS) {
                    throw new InvalidModelOutputException(at + ": more than 5 representative tracks");
                }
                for (String title : node.representativeTrackTitles()) {
                    requireText(title, at + ": representativeTrackTitles");
                }
            }
        }
    }

    public ConnectionNarrative narrative(String modelText) {
        JsonNode root = parse(modelText);
        List<String> keyPoints = strings(root.path("keyPoints"), "keyPoints");
        List<String> sources = strings(root.path("sources"), "sources");
        JsonNode year = root.path("year");
        Integer parsedYear;
        if (year.isMissingNode() || year.isNull()) {
            parsedYear = null;
        } else if (year.canConvertToInt() && year.isIntegralNumber()) {
            parsedYear = year.intValue();
        } else if (year.isTextual() && year.asText().matches("\\d{4}")) {
            parsedYear = Integer.parseInt(year.asText());
        } else {
            throw new InvalidModelOutputException("year must be an integer or null");
        }
        ConnectionNarrative answer = new ConnectionNarrative(text(root, "narrative"), keyPoints, parsedYear, sources);
        check(answer);
        return answer;
    }

    public void check(ConnectionNarrative answer) {
        requireText(answer.narrative(), "narrative");
        int words = words(answer.narrative());
        if (words < MIN_NARRATIVE_WORDS || words > MAX_NARRATIVE_WORDS) {
            throw new InvalidModelOutputException("narrative has " + words + " words, not about 150 to 200");
        }
        if (answer.keyPoints().isEmpty()) {
            throw new InvalidModelOutputException("no keyPoints");
        }
        answer.keyPoints().forEach(point -> requireText(point, "keyPoints"));
        answer.sources().forEach(source -> requireText(source, "sources"));
        if (answer.year() != null && (answer.year() < 1000 || answer.year() > 2100)) {
            throw new InvalidModelOutputException("year " + answer.year() + " is not a year");
        }
    }

    public static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /**
     * Sentences end with . ! or ? followed by a space and a capital letter or a digit (or the end); initials
     * ("B.B. King") and common abbreviations ("St. Louis") do not end one.
     */
    public static int sentences(String text) {
        String[] tokens = text.strip().split("\\s+");
        int count = 0;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i].replaceAll("[\"'”’)\\]]+$", "");
            if (token.isEmpty() || !(token.endsWith(".") || token.endsWith("!") || token.endsWith("?"))) {
                continue;
            }
            boolean last = i == tokens.length - 1;
            if (!last) {
                String next = tokens[i + 1].replaceAll("^[\"'“‘(\\[]+", "");
                if (next.isEmpty() || !(Character.isUpperCase(next.codePointAt(0))
                        || Character.isDigit(next.codePointAt(0)))) {
                    continue;
                }
                if (token.endsWith(".") && abbreviation(token)) {
                    continue;
                }
            }
            count++;
        }
        return count;
    }

    private static boolean abbreviation(String token) {
        String word = token.substring(0, token.length() - 1).replaceAll("^[\"'“‘(\\[]+", "");
        if (word.matches("\\p{Lu}(\\.\\p{Lu})*")) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    private JsonNode parse(String modelText) {
        if (modelText == null || modelText.isBlank()) {
            throw new InvalidModelOutputException("empty answer");
        }
        String text = unfence(modelText.strip());
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.isObject()) {
                throw new InvalidModelOutputException("the answer is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException notJson) {
            throw new InvalidModelOutputException("the answer is not JSON: " + notJson.getOriginalMessage(), notJson);
        }
    }

    /** Models asked for bare JSON still sometimes wrap it in a Markdown fence; the JSON inside is what was asked. */
    private static String unfence(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            String inner = text.substring(3, text.length() - 3);
            int newline = inner.indexOf('\n');
            return newline < 0 ? inner : inner.substring(newline + 1);
        }
        return text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidModelOutputException("\"" + field + "\" must be a non-empty string");
        }
        return value.asText().strip();
    }

    private static List<String> strings(JsonNode array, String field) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new InvalidModelOutputException("\"" + field + "\" must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (!value.isTextual()) {
                throw new InvalidModelOutputException("\"" + field + "\" must be an array of strings");
            }
            values.add(value.asText());
        });
        return values;
    }

    private static void requireText(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new InvalidModelOutputException(where + " is empty");
        }
    }
}
