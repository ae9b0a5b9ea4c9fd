package coop.switchboard.payments;

import coop.switchboard.shared.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Writes a payment's receipt where it belongs: its drawer, the batch it names, or the day's open batch for its kind,
 * which it opens when there is none. {@link PaymentService#post} decides what to do when a receipt is not written.
 */
@Component
class ReceiptWriter {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ReceiptWriter(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A receipt written: its id and the batch it went into. */
    record Written(long id, Long batchId) {
    }

    /**
     * Writes the receipt, unless its idempotency key is taken (a retry, or a concurrent duplicate that waited for the first
     * to commit) or where it goes is gone: its drawer is no longer open, or (with {@code dayKind}) the day has no open
     * batch of that kind. The drawer and batch rows are locked as they are read, so a close or a deposit committing
     * meanwhile is seen and the payment never lands in a drawer already counted or a batch already deposited.
     */
    Optional<Written> write(PaymentRequest request, String fingerprint, Long batchId, BatchKind dayKind, LocalDate today,
                                            LocalDate receivedOn, String actor, Timestamp now) {
        return jdbc.sql("""
                        with day_batch as (select id from payments.batch
                                            where ?::text is not null and kind = ?::text and business_day = ?::date
                                              and file_hash is null and deposit_id is null
                                            order by id desc limit 1 for key share),
                             open_drawer as (select id from payments.drawer where id = ?::bigint and status = 'OPEN' for key share)
                        insert into payments.receipt (idempotency_key, fingerprint, tender, total, reference, check_number, card_last4,
                                                      payer_name, drawer_id, batch_id, received_on, posted_on, posted_by, posted_at)
                        select ?::text, ?::text, ?::text, ?::numeric, ?::text, ?::text, ?::text, ?::text, (select id from open_drawer),
                               coalesce(?::bigint, (select id from day_batch)), ?::date, ?::date, ?::text, ?::timestamptz
                         where (?::text is null or exists (select 1 from day_batch))
                           and (?::bigint is null or exists (select 1 from open_drawer))
                        on conflict (idempotency_key) do nothing returning id, batch_id""")
                .params(dayKind == null ? null : dayKind.name(), dayKind == null ? null : dayKind.name(), today, request.drawerId(),
                        request.idempotencyKey().trim(), fingerprint, request.tender().name(), request.total().amount(),
                        PaymentService.trim(request.reference()), PaymentService.trim(request.checkNumber()), PaymentService.trim(request.cardLast4()), PaymentService.trim(request.payerName()),
                        batchId, receivedOn, today, actor, now,
                        dayKind == null ? null : dayKind.name(), request.drawerId())
                .query((rs, n) -> {
                    long batch = rs.getLong(2);
                    return new Written(rs.getLong(1), rs.wasNull() ? null : batch);
                }).optional();
    }

    /**
     * The day's open batch for payments of a kind arriving without one (web, phone, agency), created on first use; once
     * a batch is in a bank deposit, later payments of the day start a new one.
     */
    long dayBatch(BatchKind kind, LocalDate day) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Long> open = jdbc.sql("""
                            select id from payments.batch where kind = ? and business_day = ? and file_hash is null and deposit_id is null
                             order by id desc limit 1""")
                    .params(kind.name(), day).query(Long.class).optional();
            if (open.isPresent()) {
                return open.get();
            }
            int earlier = jdbc.sql("select count(*) from payments.batch where kind = ? and business_day = ? and file_hash is null")
                    .params(kind.name(), day).query(Integer.class).single();
            String name = kind.label() + " payments " + day + (earlier == 0 ? "" : " (" + (earlier + 1) + ")");
            jdbc.sql("""
                            insert into payments.batch (kind, name, business_day, created_by, created_at) values (?, ?, ?, ?, ?)
                            on conflict (kind, name) do nothing""")
                    .params(kind.name(), name, day, audit.currentActor(), Timestamp.from(clock.instant())).update();
        }
        throw new IllegalStateException("could not open the day's " + kind.label() + " batch");
    }
}
