package coop.switchboard.payments.ach;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the utility's outgoing ACH file from {@link EntryDraft}s: one batch per effective date × SEC code × direction,
 * debits (and debit prenotes) in service class 225 batches, credits in 220 batches; batches ordered by effective date,
 * then SEC code, then debits before credits; entries in the order they were added. Trace numbers are the originating
 * DFI and a sequence number from 0000001, unique in the file. The creation time is given, never read from a clock.
 *
 * <p>Names and descriptions are upper-cased, folded to ASCII (accents dropped, other characters outside printable
 * ASCII become spaces, runs of spaces collapsed) and cut to their fields: individual name 22 characters, company name
 * 16, entry description 10, destination and origin names 23. Identifiers (account numbers, individual ids, company
 * id) are never cut: {@link EntryDraft} and {@link AchOrigin} refuse ones that do not fit.
 */
public final class NachaFileBuilder {
    private final AchOrigin origin;
    private final LocalDateTime createdAt;
    private final String companyEntryDescription;
    private final List<EntryDraft> drafts = new ArrayList<>();
    private char fileIdModifier = 'A';

    /**
     * @param companyEntryDescription what the member's bank statement shows beside the utility's name, such as
     *                                "ELEC BILL" or "AUTOPAY" (10 characters)
     */
    public NachaFileBuilder(AchOrigin origin, LocalDateTime createdAt, String companyEntryDescription) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (companyEntryDescription == null || companyEntryDescription.isBlank()) {
            throw new IllegalArgumentException("company entry description is missing");
        }
        this.companyEntryDescription = companyEntryDescription;
    }

    /** The file ID modifier, A for the day's first file, B for the second, ... (A-Z, 0-9). */
    public NachaFileBuilder fileIdModifier(char modifier) {
        if (!(modifier >= 'A' && modifier <= 'Z') && !(modifier >= '0' && modifier <= '9')) {
            throw new IllegalArgumentException("file ID modifier is A-Z or 0-9, not " + modifier);
        }
        this.fileIdModifier = modifier;
        return this;
    }

    public NachaFileBuilder add(EntryDraft draft) {
        drafts.add(Objects.requireNonNull(draft, "draft"));
        return this;
    }

    public NachaFileBuilder addAll(Collection<EntryDraft> more) {
        more.forEach(this::add);
        return this;
    }

    public NachaFile build() {
        if (drafts.isEmpty()) {
            throw new IllegalStateException("an ACH file needs at least one entry");
        }
        if (drafts.size() > 9_999_999) {
            throw new IllegalStateException(drafts.size() + " entries do not fit 7-digit trace sequence numbers");
        }
        Map<BatchKey, List<EntryDraft>> groups = new LinkedHashMap<>();
        for (EntryDraft draft : drafts) {
            groups.computeIfAbsent(new BatchKey(draft.effectiveDate(), draft.secCode(), draft.isDebit()),
                    key -> new ArrayList<>()).add(draft);
        }
        List<BatchKey> keys = groups.keySet().stream().sorted(BatchKey.ORDER).toList();
        List<Batch> batches = new ArrayList<>();
        int sequence = 0;
        for (BatchKey key : keys) {
            BatchHeader header = new BatchHeader(key.debit() ? BatchHeader.DEBITS_ONLY : BatchHeader.CREDITS_ONLY,
                    fold(origin.companyName(), 16), "", origin.companyIdentification().strip(), key.secCode(),
                    fold(companyEntryDescription, 10), "", key.effectiveDate(), '1', origin.originatingDfi(),
                    batches.size() + 1);
            List<Entry> entries = new ArrayList<>();
            for (EntryDraft d : groups.get(key)) {
                String trace = origin.originatingDfi() + String.format("%07d", ++sequence);
                entries.add(new Entry(d.transactionCode(), d.routingNumber().substring(0, 8), d.routingNumber().charAt(8),
                        d.accountNumber(), d.amountCents(), d.individualId(), fold(d.individualName(), 22), "", 0, trace,
                        List.of(), 0));
            }
            batches.add(Batch.of(header, entries));
        }
        FileHeader header = new FileHeader(origin.immediateDestination(), origin.immediateOrigin().strip(),
                createdAt.toLocalDate(), createdAt.toLocalTime().withSecond(0).withNano(0), fileIdModifier,
                fold(origin.destinationName(), 23), fold(origin.companyName(), 23), "");
        return NachaFile.of(header, batches);
    }

    /** Upper-case printable ASCII, cut to {@code width}: "Zoë  Ångström-Núñez" becomes "ZOE ANGSTROM-NUNEZ". */
    static String fold(String text, int width) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^\\x20-\\x7E]", " ").replaceAll(" {2,}", " ").strip().toUpperCase(Locale.ROOT);
        return ascii.length() <= width ? ascii : ascii.substring(0, width).stripTrailing();
    }

    private record BatchKey(LocalDate effectiveDate, SecCode secCode, boolean debit) {
        static final Comparator<BatchKey> ORDER = Comparator.comparing(BatchKey::effectiveDate)
                .thenComparing(k -> k.secCode().name()).thenComparing(k -> !k.debit());
    }
}
