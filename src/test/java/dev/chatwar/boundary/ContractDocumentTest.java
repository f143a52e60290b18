package dev.chatwar.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatwar.base.ErrorCode;
import dev.chatwar.protocol.RequestParser;
import dev.chatwar.support.ContractDocuments;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The contract documents (docs/contract) against the WAR's code, without a server: ContractIT does the rest. */
class ContractDocumentTest {

    // every resource class of the WAR, found rather than listed, so that a new one cannot go undocumented
    private static final List<Class<?>> RESOURCES = new com.tngtech.archunit.core.importer.ClassFileImporter()
            .importPackages("dev.chatwar").stream()
            .filter(type -> type.isAnnotatedWith(Path.class))
            .<Class<?>>map(com.tngtech.archunit.core.domain.JavaClass::reflect)
            .toList();
    private static final Map<Class<?>, String> VERBS = Map.of(GET.class, "get", POST.class, "post", PUT.class, "put",
            DELETE.class, "delete");

    private final ContractDocuments documents = new ContractDocuments();

    @Test
    void everyResourceMethodOfTheWarIsAnOperationOfTheOpenApiDocumentAndNoOtherIs() {
        Set<String> served = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                VERBS.forEach((annotation, verb) -> {
                    if (method.isAnnotationPresent(annotation.asSubclass(java.lang.annotation.Annotation.class))) {
                        Path sub = method.getAnnotation(Path.class);
                        served.add(verb + " /" + base + (sub == null ? "" : "/" + sub.value()));
                    }
                });
            }
        }
        Set<String> documented = new TreeSet<>();
        documents.openapi().get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(operation -> VERBS.containsValue(operation.getKey()))
                .forEach(operation -> documented.add(operation.getKey() + " " + path.getKey())));
        assertEquals(served, documented);
    }

    @Test
    void everyErrorCodeListedUnderAStatusIsTheServersCodeForThatStatus() {
        Map<String, Integer> statuses = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::wireName, ErrorCode::httpStatus));
        int listed = 0;
        for (JsonNode path : documents.openapi().get("paths").values()) {
            for (JsonNode operation : path.values()) {
                if (!operation.has("responses")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
                    for (JsonNode code : response.getValue().path("x-codes")) {
                        assertEquals(Integer.valueOf(response.getKey()), statuses.get(code.asString()), code.asString());
                        listed++;
                    }
                }
            }
        }
        assertTrue(listed > 50, listed + " codes listed");
        Set<String> enumerated = new TreeSet<>();
        documents.asyncapi().at("/components/messages/error/payload/properties/code/enum")
                .forEach(code -> enumerated.add(code.asString()));
        assertEquals(new TreeSet<>(statuses.keySet()), enumerated, "the error frame lists every code");
    }

    @Test
    void everyExampleOfEitherDocumentConformsToItsSchema() {
        int examples = 0;
        for (Map.Entry<String, JsonNode> message : documents.asyncapi().get("components").get("messages").properties()) {
            for (JsonNode example : message.getValue().get("examples")) {
                assertEquals(List.of(), documents.problems("/asyncapi/components/messages/" + message.getKey()
                        + "/payload", example.get("payload").toString()), message.getKey() + ": " + example);
                examples++;
            }
        }
        for (Map.Entry<String, JsonNode> path : documents.openapi().get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode body = operation.getValue().at("/requestBody/content/application~1json");
                if (!body.isMissingNode() && body.has("example")) {
                    String pointer = "/openapi/paths/" + path.getKey().replace("/", "~1") + "/" + operation.getKey()
                            + "/requestBody/content/application~1json/schema";
                    assertEquals(List.of(), documents.problems(pointer, body.get("example").toString()), pointer);
                    examples++;
                }
            }
        }
        assertTrue(examples > 35, examples + " examples");
    }

    @Test
    void theSchemasRefuseAFrameWithAFieldMissingOrOneTooManyOrOfTheWrongKind() {
        String welcome = "/asyncapi/components/messages/welcome/payload";
        assertEquals(List.of(), documents.problems(welcome, "{\"type\":\"welcome\",\"user\":\"al\",\"connection\":\"c1\"}"));
        assertEquals(1, documents.problems(welcome, "{\"type\":\"welcome\",\"user\":\"al\"}").size());
        assertEquals(1, documents.problems(welcome, "{\"type\":\"welcome\",\"user\":\"al\",\"connection\":\"c1\","
                + "\"extra\":1}").size());
        String message = "/asyncapi/components/messages/message/payload";
        String stored = "{\"type\":\"message\",\"room\":\"r\",\"id\":1,\"seq\":1,\"user\":\"al\","
                + "\"sentAt\":\"2026-12-02T10:00:00Z\",\"text\":\"hi\",\"edited\":false,\"retracted\":false";
        assertEquals(List.of(), documents.problems(message, stored + "}"));
        assertTrue(!documents.problems(message, stored + ",\"seq\":0}").isEmpty(), "seq starts at 1");
        assertTrue(!documents.problems(message, stored.replace("\"al\"", "\"a l\"") + "}").isEmpty(), "no user name");
        assertTrue(!documents.problems(message, stored + ",\"replyTo\":1}").isEmpty(), "a reply names its thread");
        assertTrue(!documents.problems("/asyncapi/components/messages/reaction/payload", stored.replace("message",
                "reaction") + "}").isEmpty(), "a reaction has no text");
        assertTrue(!documents.problems("/openapi/components/schemas/Error", "{\"code\":\"nonsense\",\"message\":\"\"}")
                .isEmpty(), "no such code");
    }

    @Test
    void everyClientMessageOfTheAsyncApiDocumentIsARequestTheServerParses() {
        RequestParser parser = new RequestParser();
        JsonNode messages = documents.asyncapi().get("components").get("messages");
        Set<String> types = new TreeSet<>();
        for (JsonNode reference : documents.asyncapi().at("/operations/request/messages")) {
            String name = reference.get("$ref").asString().replaceAll(".*/", "");
            for (JsonNode example : messages.get(name).get("examples")) {
                assertEquals(example.at("/payload/type").asString(), type(parser.parse(example.get("payload").toString())));
                types.add(example.at("/payload/type").asString());
            }
        }
        assertEquals(protocolRequestTypes(), types, "the requests of docs/protocol.md, section 3");
    }

    // the first column of the table of section 3
    private static Set<String> protocolRequestTypes() {
        try {
            String document = java.nio.file.Files.readString(java.nio.file.Path.of("docs/protocol.md"));
            String section = document.substring(document.indexOf("## 3."), document.indexOf("Field rules:"));
            Set<String> types = new TreeSet<>();
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `([a-z]+)` \\|").matcher(section);
            while (row.find()) {
                types.add(row.group(1));
            }
            types.remove("type"); // the header row
            return types;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // the request's type as its frame names it
    private static String type(dev.chatwar.protocol.Request request) {
        if (request instanceof dev.chatwar.protocol.Request.React react && !react.add()) {
            return "unreact";
        }
        String name = request.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
