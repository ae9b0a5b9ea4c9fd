/**
 * The CSR console: server-rendered pages (Thymeleaf, htmx) that find any account as you type and show the whole
 * account on one screen. Keyboard first: {@code /} focuses search from anywhere. Uses only the public services of
 * the domain modules.
 */
package coop.switchboard.console;
