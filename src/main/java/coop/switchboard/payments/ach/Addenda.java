package coop.switchboard.payments.ach;

import java.time.LocalDate;
import java.util.Objects;

/** An addenda record (type 7) that follows an entry and belongs to it. */
public sealed interface Addenda {

    /** The two-digit addenda type code (05, 98, 99, 10-18). */
    int typeCode();

    /**
     * Type 05: up to 80 characters of payment related information (remittance data, a bill number) for the receiver.
     * {@code entryDetailSequenceNumber} is the last seven digits of the entry's trace number.
     */
    record PaymentRelated(String paymentRelatedInformation, int sequenceNumber, int entryDetailSequenceNumber)
            implements Addenda {
        public PaymentRelated {
            Objects.requireNonNull(paymentRelatedInformation, "paymentRelatedInformation");
        }

        @Override
        public int typeCode() {
            return 5;
        }
    }

    /**
     * Type 98, a notification of change: the receiving bank posted the entry with {@code originalTrace} but tells
     * the originator to correct its records: {@code changeCode} C01-C14 says what changed, {@code correctedData} (29
     * characters, trailing spaces removed) holds the new values; C61-C69 are refused NOCs. {@code originalDfi} is the
     * original entry's receiving DFI (8 digits).
     */
    record ChangeNotification(String changeCode, String originalTrace, String originalDfi, String correctedData,
                              String traceNumber) implements Addenda {
        public ChangeNotification {
            Objects.requireNonNull(changeCode, "changeCode");
            Objects.requireNonNull(originalTrace, "originalTrace");
            Objects.requireNonNull(originalDfi, "originalDfi");
            Objects.requireNonNull(correctedData, "correctedData");
            Objects.requireNonNull(traceNumber, "traceNumber");
        }

        @Override
        public int typeCode() {
            return 98;
        }
    }

    /**
     * Type 99, a return: the entry with {@code originalTrace} came back for {@code returnReasonCode} (R01-R85, or
     * whatever code the bank used). {@code dateOfDeath} is set for R14/R15 returns, else null. Dishonored and
     * contested returns (R61-R77) use the same positions for code, original trace and original DFI; their other
     * fields stay in {@code addendaInformation}.
     */
    record Return(String returnReasonCode, String originalTrace, LocalDate dateOfDeath, String originalDfi,
                  String addendaInformation, String traceNumber) implements Addenda {
        public Return {
            Objects.requireNonNull(returnReasonCode, "returnReasonCode");
            Objects.requireNonNull(originalTrace, "originalTrace");
            Objects.requireNonNull(originalDfi, "originalDfi");
            Objects.requireNonNull(addendaInformation, "addendaInformation");
            Objects.requireNonNull(traceNumber, "traceNumber");
        }

        @Override
        public int typeCode() {
            return 99;
        }
    }

    /**
     * Types 10-18 of an IAT entry (receiver, originator, banks, remittance, foreign correspondents), kept as the
     * 94-character record: Switchboard reads IAT batches to check a file's totals, not to act on them.
     */
    record International(int typeCode, String record) implements Addenda {
        public International {
            Objects.requireNonNull(record, "record");
        }
    }
}
