package coop.switchboard.api;

import coop.switchboard.agreements.AgreementService;
import coop.switchboard.agreements.AgreementView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.InteractionService;
import coop.switchboard.members.InteractionView;
import coop.switchboard.members.MemberService;
import coop.switchboard.members.MemberView;
import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.metering.MeterService;
import coop.switchboard.premises.PremiseService;
import coop.switchboard.premises.PremiseView;
import coop.switchboard.search.AccountHit;
import coop.switchboard.search.AccountSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** Accounts, members, premises and interactions for integrations. Sensitive fields are masked here too. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts")
@SecurityRequirement(name = "bearer")
class AccountsApi {
    private final AccountSearch search;
    private final MemberService members;
    private final InteractionService interactions;
    private final AgreementService agreements;
    private final PremiseService premises;
    private final MeterService meters;

    AccountsApi(AccountSearch search, MemberService members, InteractionService interactions, AgreementService agreements,
                PremiseService premises, MeterService meters) {
        this.search = search;
        this.members = members;
        this.interactions = interactions;
        this.agreements = agreements;
        this.premises = premises;
        this.meters = meters;
    }

    @Operation(summary = "Search accounts by name (typos tolerated), account number, phone, e-mail, service address or meter number")
    @GetMapping("/accounts")
    List<AccountHit> search(@Parameter(description = "what the caller typed; at least 2 characters") @RequestParam String q,
                            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new coop.switchboard.shared.InvalidInputException("limit", "must be between 1 and 100");
        }
        return search.search(q, limit);
    }

    @Operation(summary = "An account with its holder and service agreements")
    @GetMapping("/accounts/{id}")
    AccountDetail account(@PathVariable long id) {
        AccountView account = members.account(id);
        MemberView member = members.member(account.memberId());
        return new AccountDetail(account, new MemberSummary(member.id(), member.displayName(), member.membershipNumber(),
                member.preferredLanguage()), agreements.forAccount(id));
    }

    @Operation(summary = "A member: identity masked, contacts, and their accounts")
    @GetMapping("/members/{id}")
    MemberDetail member(@PathVariable long id) {
        return new MemberDetail(members.member(id), members.accountsOf(id));
    }

    @Operation(summary = "A premise with its service points and the meters installed on them over time")
    @GetMapping("/premises/{id}")
    PremiseDetail premise(@PathVariable long id) {
        PremiseView premise = premises.premise(id);
        return new PremiseDetail(premise, meters.installations(premise.servicePoints().stream().map(PremiseView.ServicePointView::id).toList()));
    }

    @Operation(summary = "The account's interactions, newest first")
    @GetMapping("/accounts/{id}/interactions")
    List<InteractionView> interactions(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        members.account(id);
        return interactions.recent(id, Math.max(1, Math.min(limit, 500)));
    }

    @Operation(summary = "Log a call, e-mail, walk-in, letter or note on the account")
    @PostMapping("/accounts/{id}/interactions")
    ResponseEntity<InteractionView> logInteraction(@PathVariable long id, @RequestBody NewInteraction body) {
        InteractionView created = interactions.log(id, body.kind(), body.category(), body.body());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{iid}").buildAndExpand(created.id()).toUri())
                .body(created);
    }

    @Operation(summary = "One interaction")
    @GetMapping("/accounts/{id}/interactions/{interactionId}")
    InteractionView interaction(@PathVariable long id, @PathVariable long interactionId) {
        return interactions.find(id, interactionId).orElseThrow(() -> new coop.switchboard.shared.NotFoundException("Interaction", interactionId));
    }

    record AccountDetail(AccountView account, MemberSummary member, List<AgreementView> agreements) {
    }

    record MemberSummary(long id, String displayName, String membershipNumber, MemberView.Language preferredLanguage) {
    }

    record MemberDetail(MemberView member, List<AccountView> accounts) {
    }

    record PremiseDetail(PremiseView premise, List<InstalledMeterView> meters) {
    }

    /** A new interaction: kind is CALL, EMAIL, WALK_IN, LETTER or NOTE. */
    record NewInteraction(InteractionView.Kind kind, String category, String body) {
    }
}
