package coop.switchboard.payments.ach;

import java.util.List;
import java.util.Objects;

/**
 * The batch control record (type 8): how many entry and addenda records the batch holds, the entry hash (the sum of
 * the entries' 8-digit receiving DFI identifications, keeping its last ten digits) and the debit and credit totals in
 * cents. {@code messageAuthenticationCode} is blank unless the originator's bank uses one.
 */
public record BatchControl(int serviceClassCode, int entryAddendaCount, long entryHash, long totalDebitCents,
                           long totalCreditCents, String companyIdentification, String messageAuthenticationCode,
                           String originatingDfi, int batchNumber) {
    static final long HASH_MODULUS = 10_000_000_000L;

    public BatchControl {
        Objects.requireNonNull(companyIdentification, "companyIdentification");
        Objects.requireNonNull(messageAuthenticationCode, "messageAuthenticationCode");
        Objects.requireNonNull(originatingDfi, "originatingDfi");
    }

    /** The control that {@code entries} under {@code header} call for. */
    public static BatchControl of(BatchHeader header, List<Entry> entries) {
        int records = 0;
        long hash = 0;
        long debits = 0;
        long credits = 0;
        for (Entry entry : entries) {
            records += 1 + entry.addenda().size();
            hash = (hash + Long.parseLong(entry.receivingDfi())) % HASH_MODULUS;
            if (entry.isDebit()) {
                debits += entry.amountCents();
            } else {
                credits += entry.amountCents();
            }
        }
        return new BatchControl(header.serviceClassCode(), records, hash, debits, credits,
                header.companyIdentification(), "", header.originatingDfi(), header.batchNumber());
    }
}
