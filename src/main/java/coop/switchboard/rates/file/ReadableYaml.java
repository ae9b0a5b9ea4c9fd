package coop.switchboard.rates.file;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes tariff structures in the layout people write them (the demo file's): components, seasons and periods in
 * block style, one block per line ({@code - {upTo: 500, price: 0.095}}), month lists on one line, quotes only where a
 * reader could take the text for something else. Also finds the line each field path starts on, so errors can point
 * at lines.
 */
final class ReadableYaml {
    private static final DumpSettings DUMP = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
            .setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(160).build();
    /** Text a YAML reader could take for something else (a number, a date, a boolean) is written quoted. */
    private static final Pattern QUOTE = Pattern.compile("[-+.0-9eE]+|\\d{4}-\\d{2}(-\\d{2})?|(?i)(y|n|yes|no|on|off|true|false|null|~)|.*[:#].*|\\s.*|.*\\s");

    private ReadableYaml() {
    }

    static String write(Object document) {
        StandardRepresenter representer = new StandardRepresenter(DUMP) {
            {
                this.representers.put(BigDecimal.class, data -> {
                    String plain = ((BigDecimal) data).toPlainString();
                    return representScalar(plain.contains(".") ? Tag.FLOAT : Tag.INT, plain);
                });
                this.representers.put(String.class, data -> representScalar(Tag.STR, (String) data,
                        QUOTE.matcher((String) data).matches() ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN));
            }
        };
        Node node = representer.represent(plain(document));
        style(node, "", "");
        StringBuilder out = new StringBuilder();
        new Dump(DUMP, representer).dumpNode(node, new StreamDataWriter() {
            @Override
            public void write(String str) {
                out.append(str);
            }

            @Override
            public void write(String str, int off, int len) {
                out.append(str, off, off + len);
            }
        });
        String text = out.toString();
        return text.startsWith("---\n") ? text.substring(4) : text;
    }

    /** Maps and lists only (a set would be written as a YAML !!set). */
    private static Object plain(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (o instanceof Collection<?> c) {
            return c.stream().map(ReadableYaml::plain).toList();
        }
        return o;
    }

    private static void style(Node node, String key, String listKey) {
        if (node instanceof SequenceNode seq) {
            boolean scalars = seq.getValue().stream().allMatch(n -> n instanceof ScalarNode);
            seq.setFlowStyle(scalars && !key.equals("weekday") && !key.equals("weekend") ? FlowStyle.FLOW : FlowStyle.BLOCK);
            for (Node item : seq.getValue()) {
                style(item, "", key);
            }
        } else if (node instanceof MappingNode map) {
            boolean hasBlocks = map.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("blocks"));
            boolean flow = switch (listKey) {
                case "blocks" -> true;
                case "seasons", "periods" -> !hasBlocks;
                default -> key.equals("holidays") || key.equals("ratchet") || key.equals("proration");
            };
            map.setFlowStyle(flow ? FlowStyle.FLOW : FlowStyle.BLOCK);
            for (NodeTuple t : map.getValue()) {
                style(t.getValueNode(), t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "", "");
            }
        }
    }

    /** Each field path of a YAML (or JSON) text and the line it starts on; empty when the text does not parse. */
    static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        try (JsonParser p = TariffYaml.MAPPER.createParser(text)) {
            if (p.nextToken() != null) {
                walk(p, "", lines);
            }
        } catch (RuntimeException e) {
            // a text that does not parse names its line in the parser's message instead
        }
        return lines;
    }

    private static void walk(JsonParser p, String path, Map<String, Integer> lines) {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, child, lines);
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, path + "[" + i++ + "]", lines);
            }
        }
    }
}
