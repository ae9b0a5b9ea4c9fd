package coop.switchboard.billing.document;

import coop.switchboard.members.MemberView.Language;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Map;

/**
 * The bill's own Thymeleaf engine and words ({@code messages/bill*.properties}), apart from the console's: bills are
 * standalone documents in the account's language, whatever the staff member's browser asks for.
 */
@Component
class BillTemplates {
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    BillTemplates() {
        messages.setBasename("messages/bill");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        // Always MessageFormat, so an apostrophe is written '' in every message, with or without arguments.
        messages.setAlwaysUseMessageFormat(true);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(BillTemplates.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
    }

    MessageSource messages() {
        return messages;
    }

    BillText text(Language language) {
        return new BillText(messages, language);
    }

    /** Renders {@code templates/<name>.html} in the language's locale. */
    String render(String name, BillText text, Map<String, Object> variables) {
        return engine.process(name, new Context(text.locale(), variables));
    }
}
