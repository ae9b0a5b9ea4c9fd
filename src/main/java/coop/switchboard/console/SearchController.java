package coop.switchboard.console;

import coop.switchboard.search.AccountSearch;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The home page and search: a full page for {@code /search?q=}, a results fragment for htmx as the CSR types. */
@Controller
class SearchController {
    private final AccountSearch search;

    SearchController(AccountSearch search) {
        this.search = search;
    }

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", defaultValue = "") String q,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("hits", search.search(q, 20));
        return htmx != null ? "search :: results" : "search";
    }
}
