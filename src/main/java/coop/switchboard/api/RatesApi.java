package coop.switchboard.api;

import coop.switchboard.rates.BillLine;
import coop.switchboard.rates.QuoteRequest;
import coop.switchboard.rates.RatedBill;
import coop.switchboard.rates.Tariff;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.TariffSummary;
import coop.switchboard.rates.TariffVersion;
import coop.switchboard.rates.VersionRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rate schedules (read-only) and rate quotes for integrations, IVRs and web calculators. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rates")
@SecurityRequirement(name = "bearer")
class RatesApi {
    private final TariffService tariffs;
    private final Clock clock;

    RatesApi(TariffService tariffs, Clock clock) {
        this.tariffs = tariffs;
        this.clock = clock;
    }

    @Operation(summary = "Rate schedules with the version in effect today")
    @GetMapping("/tariffs")
    List<TariffSummary> list() {
        return tariffs.schedules(LocalDate.now(clock));
    }

    record VersionJson(LocalDate effective, String notes, boolean frozen, String createdBy, Instant createdAt,
                       Map<String, Object> version) {
    }

    record TariffJson(String code, String name, String service, String rateClass, String description, List<VersionJson> versions) {
    }

    @Operation(summary = "A rate schedule with every version and its components (the tariff file's structure)")
    @GetMapping("/tariffs/{code}")
    TariffJson tariff(@PathVariable String code) {
        Tariff t = tariffs.tariff(code);
        List<VersionRecord> records = tariffs.versions(code);
        List<VersionJson> versions = new ArrayList<>();
        for (int i = 0; i < t.versions().size(); i++) {
            TariffVersion v = t.versions().get(i);
            VersionRecord r = records.get(i);
            versions.add(new VersionJson(v.effective(), v.notes(), r.frozen(), r.createdBy(), r.createdAt(), tariffs.document(v)));
        }
        return new TariffJson(t.code(), t.name(), t.service().name(), t.rateClass(), t.description(), versions);
    }

    record LineJson(String description, String quantity, String unit, String unitPrice, String amount, String component, String kind) {
    }

    record QuoteJson(String schedule, LocalDate from, LocalDate to, int days, List<LocalDate> versions, List<LineJson> lines,
                     String total) {
    }

    @Operation(summary = "Rate a service period on a schedule: every bill line with quantity, unit price and amount",
            description = "`to` is the next read date (the period is [from, to)). Usage: kWh, kW, kvarh, gallons, ccf, and for "
                    + "time-of-use schedules kwhByPeriod / kwByPeriod keyed by period name. Amounts are decimal strings.")
    @PostMapping("/rates/quote")
    QuoteJson quote(@RequestBody QuoteRequest request) {
        RatedBill bill = tariffs.quote(request);
        List<LineJson> lines = new ArrayList<>();
        for (BillLine l : bill.lines()) {
            lines.add(new LineJson(l.description(), l.quantity().value().stripTrailingZeros().toPlainString(), l.unit(),
                    l.unitPrice().toString(), l.amount().toString(), l.component(), l.kind()));
        }
        return new QuoteJson(bill.tariff(), bill.period().from(), bill.period().to(), bill.period().days(), bill.versions(), lines,
                bill.total().toString());
    }
}
