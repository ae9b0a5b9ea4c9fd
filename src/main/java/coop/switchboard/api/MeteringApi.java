package coop.switchboard.api;

import coop.switchboard.metering.DeterminantService;
import coop.switchboard.metering.Determinants;
import coop.switchboard.metering.GreenButtonService;
import coop.switchboard.metering.UsageHistory;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.metering.IntervalService;
import coop.switchboard.metering.MeterRecord;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.MeterService;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Meters, their register reads and interval data, and Green Button downloads, for head-ends, MDMs and portals. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Metering")
@SecurityRequirement(name = "bearer")
class MeteringApi {
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml");
    private final ReadService reads;
    private final IntervalService intervals;
    private final GreenButtonService greenButton;
    private final MeterService meters;
    private final UsageHistory usage;
    private final DeterminantService determinants;
    private final PremiseService premises;

    MeteringApi(ReadService reads, IntervalService intervals, GreenButtonService greenButton, MeterService meters, UsageHistory usage,
                DeterminantService determinants, PremiseService premises) {
        this.premises = premises;
        this.reads = reads;
        this.intervals = intervals;
        this.greenButton = greenButton;
        this.meters = meters;
        this.usage = usage;
        this.determinants = determinants;
    }

    /** A meter; {@code servicePointId} and {@code installedOn} say where it stands now (null when in stock). */
    record MeterJson(String meterNumber, String serviceType, String kind, boolean ami, boolean netMetered, BigDecimal multiplier,
                     int dials, Integer cycle, String route, Long servicePointId, LocalDate installedOn) {
    }

    record Installation(long servicePointId, LocalDate installedOn, LocalDate removedOn) {
    }

    record MeterDetail(String meterNumber, String serviceType, String kind, boolean ami, boolean netMetered, BigDecimal multiplier,
                       int dials, BigDecimal ratingKw, Integer cycle, String route, Long servicePointId, List<Installation> installations) {
    }

    @Operation(summary = "Meters in meter-number order, a page at a time",
            description = "Pass the last `meterNumber` of a page as `after` for the next; a full page carries a `Link: <...>; rel=\"next\"` header.")
    @GetMapping("/meters")
    ResponseEntity<List<MeterJson>> meters(
            @Parameter(description = "true: AMI meters only; false: non-AMI only; absent: all") @RequestParam(required = false) Boolean ami,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "the meter number after which the page starts") @RequestParam(required = false) String after) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        List<MeterJson> page = meters.list(ami, after, limit).stream()
                .map(m -> new MeterJson(m.meterNumber(), m.serviceType(), m.kind(), m.ami(), m.netMetered(), m.multiplier(), m.dials(),
                        m.cycle(), m.route(), m.servicePointId(), m.installedOn()))
                .toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.size() == limit) {
            ok.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", page.getLast().meterNumber())
                    .build().encode().toUriString() + ">; rel=\"next\"");
        }
        return ok.body(page);
    }

    @Operation(summary = "A meter with where it has been installed, newest first")
    @GetMapping("/meters/{meterNumber}")
    MeterDetail meter(@PathVariable String meterNumber) {
        MeterRecord m = meter(meterNumber, Function.identity());
        List<Installation> installations = meters.installationsOf(m.id()).stream()
                .map(i -> new Installation(i.servicePointId(), i.installedOn(), i.removedOn())).toList();
        Long now = installations.stream().filter(i -> i.removedOn() == null).map(Installation::servicePointId).findFirst().orElse(null);
        return new MeterDetail(m.meterNumber(), m.serviceType().name(), m.kind(), m.ami(), m.netMetered(), m.multiplier(), m.dials(),
                m.ratingKw(), m.cycleNumber(), m.routeCode(), now, installations);
    }

    @Operation(summary = "The meter's register reads, newest first, with usage since the read before and open findings")
    @GetMapping("/meters/{meterNumber}/reads")
    List<ReadView> reads(@PathVariable String meterNumber, @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        return reads.reads(meter(meterNumber, MeterRecord::id), limit);
    }

    @Operation(summary = "One register read of the meter")
    @GetMapping("/meters/{meterNumber}/reads/{readId}")
    ReadView read(@PathVariable String meterNumber, @PathVariable long readId) {
        long meterId = meter(meterNumber, MeterRecord::id);
        ReadView read = reads.view(readId);
        if (read.meterId() != meterId) {
            throw new NotFoundException("Read", readId);
        }
        return read;
    }

    /**
     * A register read. {@code register}: kWh, kWh_received, kW, kvarh, gallons, ccf; {@code type}: actual, estimated,
     * customer, initial, final, removal; {@code source}: handheld, amr, ami, manual, portal; {@code reading} a number
     * (or its text) with at most 4 decimals.
     */
    record NewReadJson(String register, String readDate, String reading, String type, String source, String reader) {
    }

    @Operation(summary = "Record a register read: checked field by field, stored once (a repeat returns the same read), then validated",
            description = "A read that fails validation is stored with status EXCEPTION and waits in the exceptions queue. "
                    + "Bad fields answer 400 with a problem detail listing each field.")
    @ApiResponse(responseCode = "201", description = "the read, with a Location header")
    @PostMapping("/meters/{meterNumber}/reads")
    ResponseEntity<ReadView> record(@PathVariable String meterNumber, @RequestBody NewReadJson body) {
        meter(meterNumber, MeterRecord::id);
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        Register register = parse(body.register(), "register", Register::parse, errors);
        LocalDate readDate = parse(body.readDate(), "readDate", LocalDate::parse, errors);
        BigDecimal reading = parse(body.reading(), "reading", BigDecimal::new, errors);
        ReadType type = parse(body.type(), "type", ReadType::parse, errors);
        ReadSource source = parse(body.source(), "source", ReadSource::parse, errors);
        NewRead read = new NewRead(meterNumber, register, readDate, null, reading, type, source, body.reader(), null);
        ReadView created;
        try {
            created = reads.record(read);
        } catch (InvalidInputException e) {
            // Fields that could not be parsed are reported as such, not again as missing.
            e.violations().stream().filter(v -> errors.stream().noneMatch(p -> p.field().equals(v.field()))).forEach(errors::add);
            throw new InvalidInputException(errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors); // unreachable: every parsed field is required, so record refused it
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri())
                .body(created);
    }

    private static <T> T parse(String text, String field, Function<String, T> parser, List<InvalidInputException.Violation> errors) {
        if (text == null || text.isBlank()) {
            return null; // reported as required by the service
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new InvalidInputException.Violation(field, e instanceof NumberFormatException ? "'" + text + "' is not a number"
                    : e instanceof DateTimeParseException ? "'" + text + "' is not a date YYYY-MM-DD" : e.getMessage()));
            return null;
        }
    }

    record IntervalDayJson(LocalDate day, int minutes, List<BigDecimal> kwh, BigDecimal totalKwh, BigDecimal peakKwh, int readings,
                           boolean complete) {
    }

    record IntervalsJson(String meterNumber, LocalDate from, LocalDate to, BigDecimal totalKwh, List<IntervalDayJson> days) {
    }

    @Operation(summary = "The meter's interval data, a row per local standard-time day from `from` through `to` (inclusive, at most 366 days)",
            description = "`kwh` holds the day's intervals in order from midnight standard time, null where none arrived; kWh to 4 decimals.")
    @GetMapping("/meters/{meterNumber}/intervals")
    IntervalsJson intervals(@PathVariable String meterNumber, @RequestParam LocalDate from, @RequestParam LocalDate to) {
        long meterId = meter(meterNumber, MeterRecord::id);
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "is before from (" + from + ")");
        }
        if (to.isAfter(from.plusDays(365))) {
            throw new InvalidInputException("to", "is more than 366 days from from; ask for at most 366 days at a time");
        }
        List<IntervalDayJson> days = intervals.days(meterId, from, to.plusDays(1)).stream()
                .map(d -> new IntervalDayJson(d.day(), d.minutes(),
                        Arrays.stream(d.slots()).map(v -> v == null ? null : BigDecimal.valueOf(v, 4)).toList(),
                        BigDecimal.valueOf(d.total(), 4), BigDecimal.valueOf(d.peak(), 4), d.readings(), d.readings() == 1440 / d.minutes()))
                .toList();
        BigDecimal total = days.stream().map(IntervalDayJson::totalKwh).reduce(BigDecimal.valueOf(0, 4), BigDecimal::add);
        return new IntervalsJson(meterNumber, from, to, total, days);
    }

    @Operation(summary = "The meter's interval data from `from` through `to` (inclusive, at most 3 years) as a Green Button \"Download My Data\" feed",
            description = "Streamed as it is read. A range without intervals gives a valid feed without readings "
                    + "(header `X-Green-Button-Readings: 0`).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/atom+xml"))
    @GetMapping(value = "/meters/{meterNumber}/greenbutton", produces = {"application/atom+xml", "application/problem+json"})
    void greenButton(@PathVariable String meterNumber, @RequestParam LocalDate from, @RequestParam LocalDate to,
                     HttpServletResponse response) throws IOException {
        String number = meter(meterNumber, MeterRecord::meterNumber);
        // Checked before the response starts, so a bad range is still a problem detail.
        GreenButtonService.GreenButtonExport export = greenButton.describeExport(number, from, to);
        response.setContentType(ATOM.toString());
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"greenbutton-"
                + number.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + from + "-" + to + ".xml\"");
        response.setHeader("X-Green-Button-Readings", Long.toString(export.readings()));
        // Written on the request's own thread (not a StreamingResponseBody): the API's stateless token authentication
        // does not carry over to an async dispatch.
        OutputStream out = response.getOutputStream();
        greenButton.export(number, from, to, out);
        out.flush();
    }

    @Operation(summary = "The meter's usage per month from its valid register reads, oldest first",
            description = "A read period's usage counts in the month of the read that ends it. `usage` is null for a month "
                    + "without a read; `estimated` is true when a read ending one of the month's periods was estimated.")
    @GetMapping("/meters/{meterNumber}/usage")
    List<UsageHistory.MonthUsage> usage(@PathVariable String meterNumber,
                                        @Parameter(description = "first month, YYYY-MM") @RequestParam YearMonth from,
                                        @Parameter(description = "last month, YYYY-MM (at most 120 months after from)") @RequestParam YearMonth to) {
        return usage.forMeter(meter(meterNumber, MeterRecord::id), from, to);
    }

    @Operation(summary = "Billing determinants of a service point for the period [from, to)",
            description = "From interval data when the meter has every interval of the period, otherwise from the register reads "
                    + "at the period's ends (spanning a meter exchange). When `billable` is false, `problems` says why: a missing "
                    + "read, a read waiting in the exceptions queue, a meter changed without its reads.")
    @GetMapping("/service-points/{servicePointId}/determinants")
    Determinants determinants(@PathVariable long servicePointId,
                              @Parameter(description = "first day of the period, YYYY-MM-DD") @RequestParam LocalDate from,
                              @Parameter(description = "the day after the period, YYYY-MM-DD (at most 400 days after from)") @RequestParam LocalDate to) {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from (" + from + ")");
        }
        if (to.isAfter(from.plusDays(400))) {
            throw new InvalidInputException("to", "is more than 400 days after from");
        }
        if (premises.premisesOfServicePoints(List.of(servicePointId)).isEmpty()) {
            throw new NotFoundException("Service point", servicePointId);
        }
        return determinants.forServicePoint(servicePointId, from, to);
    }

    private <T> T meter(String meterNumber, Function<MeterRecord, T> what) {
        return reads.meter(meterNumber).map(what).orElseThrow(() -> new NotFoundException("Meter", meterNumber));
    }
}
