package coop.switchboard.payments.ach;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The field positions of each NACHA record type (NACHA Operating Rules, Appendix Three), turned into the model's
 * records. Every numeric field is checked to be digits and every date to be a date; rules that span records (an
 * entry's addenda, a batch's totals) are checked here when they concern one entry and in {@link NachaReader} when
 * they concern a batch or the file.
 */
final class RecordLayouts {
    private RecordLayouts() {
    }

    static FileHeader fileHeader(RecordLine r) {
        r.digits(2, 3, "file header priority code");
        String destination = r.identifier(4, 13);
        AbaRouting.problem(destination).ifPresent(p -> {
            throw r.fail("file header immediate destination (positions 4-13): " + p);
        });
        String origin = r.identifier(14, 23);
        if (origin.isEmpty()) {
            throw r.fail("file header immediate origin (positions 14-23) is blank");
        }
        var created = r.date(24, 29, "file header creation date", false);
        LocalTime time = null;
        if (!r.raw(30, 33).isBlank()) {
            int hhmm = r.integer(30, 33, "file header creation time");
            if (hhmm / 100 > 23 || hhmm % 100 > 59) {
                throw r.fail("file header creation time (positions 30-33) is \"" + r.raw(30, 33) + "\", not a time (HHMM)");
            }
            time = LocalTime.of(hhmm / 100, hhmm % 100);
        }
        char modifier = r.raw(34, 34).charAt(0);
        if (!(modifier >= 'A' && modifier <= 'Z') && !(modifier >= '0' && modifier <= '9')) {
            throw r.fail("file header file ID modifier (position 34) is \"" + modifier + "\"; it must be A-Z or 0-9");
        }
        if (!r.raw(35, 37).equals("094")) {
            throw r.fail("file header record size (positions 35-37) is \"" + r.raw(35, 37) + "\"; NACHA records are 094");
        }
        if (!r.raw(38, 39).equals("10")) {
            throw r.fail("file header blocking factor (positions 38-39) is \"" + r.raw(38, 39) + "\"; NACHA blocks are 10 records");
        }
        if (!r.raw(40, 40).equals("1")) {
            throw r.fail("file header format code (position 40) is \"" + r.raw(40, 40) + "\"; it must be 1");
        }
        return new FileHeader(destination, origin, created, time, modifier, r.text(41, 63), r.text(64, 86), r.text(87, 94));
    }

    static BatchHeader batchHeader(RecordLine r) {
        int serviceClass = r.integer(2, 4, "batch header service class code");
        String sec = r.raw(51, 53);
        if (serviceClass == 280 || sec.equals("ADV")) {
            throw r.fail("ADV files are not supported: automated accounting advices (service class 280, SEC code ADV) "
                    + "are sent by an ACH operator to a bank, not to an originator");
        }
        checkServiceClass(r, serviceClass, "batch header", 2);
        SecCode secCode = SecCode.find(sec);
        if (secCode == null) {
            throw r.fail("batch header standard entry class code (positions 51-53) \"" + sec + "\" is not a NACHA SEC code");
        }
        return new BatchHeader(serviceClass, r.text(5, 20), r.text(21, 40), r.identifier(41, 50), secCode, r.text(54, 63),
                r.text(64, 69), r.date(70, 75, "batch header effective entry date", true), r.raw(79, 79).charAt(0),
                r.digits(80, 87, "batch header originating DFI"), r.integer(88, 94, "batch header batch number"));
    }

    static void checkServiceClass(RecordLine r, int serviceClass, String record, int position) {
        if (serviceClass != BatchHeader.MIXED && serviceClass != BatchHeader.CREDITS_ONLY
                && serviceClass != BatchHeader.DEBITS_ONLY) {
            throw r.fail(record + " service class code (positions " + position + "-" + (position + 2) + ") is "
                    + serviceClass + "; it must be 200 (debits and credits), 220 (credits only) or 225 (debits only)");
        }
    }

    /** A domestic entry detail record and the addenda records after it. */
    static Entry entry(RecordLine r, List<RecordLine> addendaLines, BatchHeader header) {
        int code = transactionCode(r, header);
        String dfi = receivingDfi(r);
        long amount = amount(r, code);
        int indicator = addendaIndicator(r);
        String trace = r.digits(80, 94, "entry detail trace number");
        checkAddendaIndicator(r, indicator, addendaLines);
        List<Addenda> addenda = new ArrayList<>();
        for (RecordLine a : addendaLines) {
            addenda.add(addenda(a, false));
        }
        return new Entry(code, dfi, r.raw(12, 12).charAt(0), r.text(13, 29), amount, r.text(40, 54),
                r.text(55, 76), r.text(77, 78), indicator, trace, addenda, r.line());
    }

    /** An IAT entry detail record, whose receiver's name is in its type 10 addenda. */
    static Entry iatEntry(RecordLine r, List<RecordLine> addendaLines, BatchHeader header) {
        int code = transactionCode(r, header);
        String dfi = receivingDfi(r);
        int declared = r.integer(13, 16, "IAT entry detail number of addenda records");
        long amount = amount(r, code);
        int indicator = addendaIndicator(r);
        String trace = r.digits(80, 94, "entry detail trace number");
        if (declared != addendaLines.size()) {
            throw r.fail("IAT entry detail says it has " + declared + " addenda records (positions 13-16); "
                    + addendaLines.size() + " follow it");
        }
        checkAddendaIndicator(r, indicator, addendaLines);
        List<Addenda> addenda = new ArrayList<>();
        String name = "";
        for (RecordLine a : addendaLines) {
            Addenda parsed = addenda(a, true);
            if (parsed.typeCode() == 10) {
                name = a.text(47, 81);
            }
            addenda.add(parsed);
        }
        return new Entry(code, dfi, r.raw(12, 12).charAt(0), r.text(40, 74), amount, "", name, "", indicator, trace,
                addenda, r.line());
    }

    private static int transactionCode(RecordLine r, BatchHeader header) {
        int code = r.integer(2, 3, "entry detail transaction code");
        if (!TransactionCodes.isKnown(code)) {
            throw r.fail("entry detail transaction code (positions 2-3) " + r.raw(2, 3) + " is not a NACHA transaction code");
        }
        if (header.serviceClassCode() == BatchHeader.CREDITS_ONLY && TransactionCodes.isDebit(code)) {
            throw r.fail("a debit (transaction code " + code + ") in a batch of service class 220, which holds credits only");
        }
        if (header.serviceClassCode() == BatchHeader.DEBITS_ONLY && TransactionCodes.isCredit(code)) {
            throw r.fail("a credit (transaction code " + code + ") in a batch of service class 225, which holds debits only");
        }
        return code;
    }

    private static String receivingDfi(RecordLine r) {
        String dfi = r.digits(4, 11, "entry detail receiving DFI identification");
        r.digits(12, 12, "entry detail check digit");
        AbaRouting.problem(r.raw(4, 12)).ifPresent(p -> {
            throw r.fail("entry detail receiving DFI (positions 4-12): " + p);
        });
        return dfi;
    }

    private static long amount(RecordLine r, int code) {
        long amount = r.number(30, 39, "entry detail amount");
        if (TransactionCodes.isPrenote(code) && amount != 0) {
            throw r.fail("a prenote (transaction code " + code + ") carries " + NachaReader.dollars(amount)
                    + "; prenotes are zero-dollar entries");
        }
        return amount;
    }

    private static int addendaIndicator(RecordLine r) {
        char c = r.raw(79, 79).charAt(0);
        if (c != '0' && c != '1') {
            throw r.fail("entry detail addenda record indicator (position 79) is \"" + c + "\"; it must be 0 or 1");
        }
        return c - '0';
    }

    private static void checkAddendaIndicator(RecordLine r, int indicator, List<RecordLine> addendaLines) {
        if (indicator == 0 && !addendaLines.isEmpty()) {
            throw addendaLines.getFirst().fail("an addenda record follows the entry on line " + r.line()
                    + ", whose addenda record indicator (position 79) is 0");
        }
        if (indicator == 1 && addendaLines.isEmpty()) {
            throw r.fail("the entry's addenda record indicator (position 79) is 1 but no addenda record follows it");
        }
    }

    private static Addenda addenda(RecordLine r, boolean iat) {
        int type = r.integer(2, 3, "addenda type code");
        return switch (type) {
            case 5 -> {
                if (iat) {
                    throw r.fail("addenda type 05 in an IAT batch; IAT entries carry addenda types 10-18");
                }
                yield new Addenda.PaymentRelated(r.text(4, 83), r.integer(84, 87, "addenda sequence number"),
                        r.integer(88, 94, "addenda entry detail sequence number"));
            }
            case 98 -> new Addenda.ChangeNotification(code(r, 'C', "change code"),
                    r.digits(7, 21, "notification of change original entry trace number"),
                    r.digits(28, 35, "notification of change original receiving DFI"), r.text(36, 64),
                    r.digits(80, 94, "notification of change trace number"));
            case 99 -> new Addenda.Return(code(r, 'R', "return reason code"),
                    r.digits(7, 21, "return original entry trace number"), r.date(22, 27, "return date of death", true),
                    r.digits(28, 35, "return original receiving DFI"), r.text(36, 79),
                    r.digits(80, 94, "return trace number"));
            case 2 -> throw r.fail("addenda type 02 (terminal information of POS, SHR and MTE entries) is not supported");
            default -> {
                if (type >= 10 && type <= 18) {
                    if (!iat) {
                        throw r.fail("IAT addenda (type " + r.raw(2, 3) + ") outside an IAT batch");
                    }
                    yield new Addenda.International(type, r.text());
                }
                throw r.fail("addenda type code (positions 2-3) " + r.raw(2, 3) + " is not a NACHA addenda type");
            }
        };
    }

    private static String code(RecordLine r, char letter, String field) {
        String code = r.raw(4, 6);
        if (code.charAt(0) != letter || !AbaRouting.allDigits(code.substring(1))) {
            throw r.fail(field + " (positions 4-6) is \"" + code + "\"; it must be " + letter + " and two digits");
        }
        return code;
    }

    static BatchControl batchControl(RecordLine r) {
        int serviceClass = r.integer(2, 4, "batch control service class code");
        checkServiceClass(r, serviceClass, "batch control", 2);
        return new BatchControl(serviceClass, r.integer(5, 10, "batch control entry/addenda count"),
                r.number(11, 20, "batch control entry hash"), r.number(21, 32, "batch control total debit amount"),
                r.number(33, 44, "batch control total credit amount"), r.identifier(45, 54), r.text(55, 73),
                r.digits(80, 87, "batch control originating DFI"), r.integer(88, 94, "batch control batch number"));
    }

    static FileControl fileControl(RecordLine r) {
        return new FileControl(r.integer(2, 7, "file control batch count"), r.integer(8, 13, "file control block count"),
                r.integer(14, 21, "file control entry/addenda count"), r.number(22, 31, "file control entry hash"),
                r.number(32, 43, "file control total debit amount"), r.number(44, 55, "file control total credit amount"));
    }
}
