package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Identity fields leave a record's text, whatever shape the text is in. */
class IdentityRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordWithoutIdentityFieldsComesBackAsTheSameText() {
        String text =
                "{\"id\":\"t1\" , \"category\":\"GUNS\",\"address\":\"1500 N MILTON AVE\","
                        + "\"service_name\":\"Dirty Alley\",\"lat\":39.30,\"lon\":-76.64, \"n\":1.0E2}";
        assertThat(IdentityRedaction.strip(text)).isSameAs(text);
    }

    @Test
    void anIdentityMemberGoesWithOneCommaWhereverItStands() {
        assertThat(IdentityRedaction.strip("{\"phone\":\"410\",\"id\":\"a\"}"))
                .isEqualTo("{\"id\":\"a\"}");
        assertThat(IdentityRedaction.strip("{\"id\":\"a\", \"phone\" : \"410\" }"))
                .isEqualTo("{\"id\":\"a\" }");
        assertThat(IdentityRedaction.strip("{\"id\":\"a\",\"phone\":410,\"b\":2}"))
                .isEqualTo("{\"id\":\"a\",\"b\":2}");
        assertThat(IdentityRedaction.strip("{\"phone\":\"410\"}")).isEqualTo("{}");
        assertThat(IdentityRedaction.strip("{\"id\":1,\"phone\":\"4\",\"email\":\"e\"}"))
                .isEqualTo("{\"id\":1}");
        assertThat(IdentityRedaction.strip("{\"phone\":\"4\",\"email\":\"e\",\"id\":1}"))
                .isEqualTo("{\"id\":1}");
    }

    @Test
    void aPersonsWholeObjectGoesAndIdentityKeysAreFoundAtAnyDepth() {
        assertThat(
                        IdentityRedaction.strip(
                                "{\"id\":\"t\",\"tipster\":{\"name\":\"Z\",\"phone\":[\"1\",\"2\"]},"
                                        + "\"meta\":{\"a\":[{\"Email\":\"z@x\"}],\"b\":1}}"))
                .isEqualTo("{\"id\":\"t\",\"meta\":{\"a\":[{}],\"b\":1}}");
    }

    @Test
    void keysAreComparedWhateverTheirSpellingCaseOrEscapes() {
        for (String key :
                List.of(
                        "First_Name",
                        "first-name",
                        "firstName",
                        "ph\\u006fne",
                        "\uff50\uff48\uff4f\uff4e\uff45",
                        "ph\u200bone",
                        "tipsterPhone",
                        "caller_number",
                        "requesterAddress",
                        "E-Mail")) {
            assertThat(IdentityRedaction.strip("{\"id\":1,\"" + key + "\":\"secret\"}"))
                    .as(key)
                    .isEqualTo("{\"id\":1}");
        }
        assertThat(IdentityFields.isIdentity("address")).isFalse();
        assertThat(IdentityFields.isIdentity("service_name")).isFalse();
        assertThat(IdentityFields.isIdentity("category")).isFalse();
    }

    @Test
    void malformedTextIsStrippedTooCutShortBareKeysAndSingleQuotes() {
        assertThat(IdentityRedaction.strip("{\"id\":\"a\",\"phone\":\"410-55"))
                .isEqualTo("{\"id\":\"a\"");
        assertThat(IdentityRedaction.strip("{\"id\":\"a\",\"tipster\":{\"name\":\"Z"))
                .isEqualTo("{\"id\":\"a\"");
        assertThat(IdentityRedaction.strip("{id: 'a', phone: 410-555-0199, 'email': 'z@x'}"))
                .isEqualTo("{id: 'a'}");
        assertThat(IdentityRedaction.strip("tipster: Zelda Q, id: 7")).isEqualTo(" id: 7");
    }

    @Test
    void duplicateKeysAreAllRemoved() {
        assertThat(IdentityRedaction.strip("{\"phone\":\"1\",\"id\":2,\"phone\":\"3\"}"))
                .isEqualTo("{\"id\":2}");
    }

    @Test
    void jsonTextInsideAStringIsStrippedAndReEscaped() {
        String text = "{\"id\":1,\"payload\":\"{\\\"phone\\\":\\\"410\\\",\\\"k\\\":\\\"v\\\"}\"}";
        assertThat(IdentityRedaction.strip(text))
                .isEqualTo("{\"id\":1,\"payload\":\"{\\\"k\\\":\\\"v\\\"}\"}");
    }

    @Test
    void deepNestingIsScannedWithoutRecursion() {
        String deep = "[".repeat(200_000) + "{\"phone\":1}" + "]".repeat(200_000);
        String stripped = IdentityRedaction.strip(deep);
        assertThat(stripped).doesNotContain("phone").hasSize(deep.length() - 11 + 2);
    }

    /**
     * Seeded: random JSON trees with identity members at random places, written by Jackson; the
     * stripped text parses to the same tree with the identity members removed.
     */
    @Test
    void validJsonStaysValidAndLosesExactlyItsIdentityMembers() throws Exception {
        long seed = 20_261_204L;
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            JsonNode tree = randomObject(random, 0);
            String text = JSON.writeValueAsString(tree);
            String stripped = IdentityRedaction.strip(text);
            assertThat(JSON.readTree(stripped))
                    .as("seed %d, tree %d: %s", seed, i, text)
                    .isEqualTo(withoutIdentity(tree));
        }
    }

    private static final List<String> KEYS =
            List.of("id", "kind", "address", "note", "a", "phone", "tipster", "First_Name", "x:y");

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int members = random.nextInt(5);
        for (int m = 0; m < members; m++) {
            o.set(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> JsonNodeFactory.instance.textNode(text(random));
            case 1 -> JsonNodeFactory.instance.numberNode(random.nextGaussian() * 1e6);
            case 2 -> JsonNodeFactory.instance.booleanNode(random.nextBoolean());
            case 3 -> JsonNodeFactory.instance.nullNode();
            case 4 -> randomObject(random, depth);
            default -> {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                for (int k = random.nextInt(4); k > 0; k--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
        };
    }

    private static String text(Random random) {
        String alphabet = "ab\"\\:,{}[]' \u00e9\u0001\n";
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(8); k > 0; k--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (random.nextInt(10) == 0) {
            b.appendCodePoint(0x1F600);
        }
        return b.toString();
    }

    private static JsonNode withoutIdentity(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!IdentityFields.isIdentity(e.getKey())) {
                    copy.set(e.getKey(), withoutIdentity(e.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(withoutIdentity(v)));
            return copy;
        }
        return node;
    }
}
