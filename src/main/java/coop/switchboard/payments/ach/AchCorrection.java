package coop.switchboard.payments.ach;

/**
 * What a notification of change tells the utility to correct, read from its corrected data by change code; a field
 * the code does not correct is null. C01 corrects the account number, C02 the routing number, C03 both (routing
 * number, three spaces, account number), C05 the transaction code, C06 account number (17) and transaction code
 * after three spaces, C07 routing number, account number (17) and transaction code, C04 the name and C09 the
 * individual id. {@code accountType} (checking or savings) follows from a corrected transaction code. Values are as
 * the bank sent them, not checked.
 */
public record AchCorrection(String routingNumber, String accountNumber, Integer transactionCode, AccountType accountType,
                            String individualName, String individualId) {

    /** The correction a change code and its corrected data (positions 36-64 of the addenda) call for; null for none. */
    public static AchCorrection of(String changeCode, String correctedData) {
        String data = String.format("%-29s", correctedData);
        return switch (changeCode) {
            case "C01" -> new AchCorrection(null, data.substring(0, 17).strip(), null, null, null, null);
            case "C02" -> new AchCorrection(data.substring(0, 9), null, null, null, null, null);
            case "C03" -> new AchCorrection(data.substring(0, 9), data.substring(9).strip(), null, null, null, null);
            case "C04" -> new AchCorrection(null, null, null, null, data.substring(0, 22).strip(), null);
            case "C05" -> withCode(null, null, data.substring(0, 2));
            case "C06" -> withCode(null, data.substring(0, 17).strip(), data.substring(20, 22));
            case "C07" -> withCode(data.substring(0, 9), data.substring(9, 26).strip(), data.substring(26, 28));
            case "C09" -> new AchCorrection(null, null, null, null, null, data.substring(0, 22).strip());
            default -> null;
        };
    }

    private static AchCorrection withCode(String routing, String account, String code) {
        Integer transactionCode = AbaRouting.allDigits(code) ? Integer.valueOf(code) : null;
        return new AchCorrection(routing, account, transactionCode,
                transactionCode == null ? null : AccountType.of(transactionCode), null, null);
    }
}
