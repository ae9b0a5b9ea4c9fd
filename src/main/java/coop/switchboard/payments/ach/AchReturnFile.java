package coop.switchboard.payments.ach;

import java.util.ArrayList;
import java.util.List;

/** The returns (entries with a type 99 addenda) and notifications of change (type 98) in a file from the bank. */
public final class AchReturnFile {
    private AchReturnFile() {
    }

    /** Every return and NOC in {@code file}, in file order; entries without a return or NOC addenda are skipped. */
    public static List<AchReturn> of(NachaFile file) {
        List<AchReturn> found = new ArrayList<>();
        for (Entry entry : file.entries()) {
            for (Addenda addenda : entry.addenda()) {
                switch (addenda) {
                    case Addenda.Return r -> found.add(new AchReturn(AchReturn.Kind.RETURN, r.originalTrace(),
                            r.returnReasonCode(), AchReturnCodes.title(r.returnReasonCode()), entry.amountCents(),
                            entry.individualId(), entry.individualName(), null, null, entry.line()));
                    case Addenda.ChangeNotification c -> found.add(new AchReturn(AchReturn.Kind.NOC, c.originalTrace(),
                            c.changeCode(), AchReturnCodes.title(c.changeCode()), entry.amountCents(),
                            entry.individualId(), entry.individualName(), c.correctedData(),
                            AchCorrection.of(c.changeCode(), c.correctedData()), entry.line()));
                    case Addenda.PaymentRelated p -> {
                    }
                    case Addenda.International i -> {
                    }
                }
            }
        }
        return found;
    }
}
