package coop.switchboard.payments.ach;

import java.util.List;

/**
 * The file control record (type 9): batch count, block count (records including both headers and controls, divided
 * into blocks of ten, the last block padded with lines of nines), entry and addenda record count, entry hash and
 * debit and credit totals in cents, over the whole file.
 */
public record FileControl(int batchCount, int blockCount, int entryAddendaCount, long entryHash, long totalDebitCents,
                          long totalCreditCents) {

    /** The control that {@code batches} call for, counted from their own batch controls. */
    public static FileControl of(List<Batch> batches) {
        int records = 2;
        int entryAddenda = 0;
        long hash = 0;
        long debits = 0;
        long credits = 0;
        for (Batch batch : batches) {
            BatchControl control = batch.control();
            records += 2 + control.entryAddendaCount();
            entryAddenda += control.entryAddendaCount();
            hash = (hash + control.entryHash()) % BatchControl.HASH_MODULUS;
            debits += control.totalDebitCents();
            credits += control.totalCreditCents();
        }
        return new FileControl(batches.size(), blocks(records), entryAddenda, hash, debits, credits);
    }

    /** Blocks of ten that {@code records} records fill. */
    static int blocks(int records) {
        return (records + 9) / 10;
    }
}
