package dev.chatwar.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The contract documents, docs/contract/openapi.yaml and asyncapi.yaml, read as one JSON tree so that a schema
 * of either (OpenAPI 3.1 and AsyncAPI 3.0 schemas are JSON Schema 2020-12 here) validates an answer of the server.
 * References between the two files are rewritten into pointers within the tree.
 */
public final class ContractDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode both = JsonNodeFactory.instance.objectNode();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public ContractDocuments() {
        both.set("openapi", rewritten(read("openapi.yaml"), "openapi"));
        both.set("asyncapi", rewritten(read("asyncapi.yaml"), "asyncapi"));
    }

    public JsonNode openapi() {
        return both.get("openapi");
    }

    public JsonNode asyncapi() {
        return both.get("asyncapi");
    }

    /**
     * What is wrong with {@code json} against the schema at {@code pointer} (a JSON pointer into the tree, such as
     * {@code /asyncapi/components/messages/joined/payload}); empty when it conforms.
     */
    public List<String> problems(String pointer, String json) {
        Schema schema = schemas.computeIfAbsent(pointer, at -> {
            ObjectNode root = both.deepCopy();
            root.put("$ref", "#" + at);
            return registry.getSchema(SchemaLocation.of("urn:chat:contract"), root);
        });
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(JSON.readTree(json))) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return problems;
    }

    private static JsonNode read(String name) {
        Path file = Path.of("docs/contract", name);
        if (!Files.exists(file)) {
            throw new IllegalStateException("run from the project root: no " + file);
        }
        try {
            return new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // '#/x' of a file becomes '#/<its name>/x'; 'asyncapi.yaml#/x' becomes '#/asyncapi/x'
    private static JsonNode rewritten(JsonNode node, String name) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("$ref") && value.isString()) {
                    String ref = value.asString();
                    copy.set("$ref", StringNode.valueOf(ref.startsWith("#/") ? "#/" + name + ref.substring(1)
                            : "#/" + ref.replace(".yaml#", "")));
                } else {
                    copy.set(field.getKey(), rewritten(value, name));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(rewritten(item, name)));
            return copy;
        }
        return node;
    }
}
