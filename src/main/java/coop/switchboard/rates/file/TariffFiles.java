package coop.switchboard.rates.file;

import coop.switchboard.rates.Tariff;
import coop.switchboard.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** Reads a tariff file of either kind: Switchboard's YAML (or the same as JSON), or an OpenEI URDB JSON record. */
public final class TariffFiles {

    /** The tariffs read and, for a URDB record, the notes on every field. */
    public record Read(List<Tariff> tariffs, List<UrdbTariff.Note> urdbNotes) {
    }

    private TariffFiles() {
    }

    public static Read read(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode root;
            try {
                root = TariffYaml.MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw new InvalidInputException("file", "is not valid JSON: " + e.getOriginalMessage());
            }
            boolean ours = root != null && root.isObject() && (root.has("versions") || root.has("tariffs"));
            if (!ours) {
                UrdbTariff.Imported imported = UrdbTariff.read(text);
                return new Read(List.of(imported.tariff()), imported.notes());
            }
        }
        return new Read(TariffYaml.read(text), List.of());
    }
}
