/**
 * Benchmark commands ({@code ./switchboard bench ...}): each builds or reuses the data it needs, measures through
 * the same interfaces users and integrations use, and ends by printing one line of JSON with its figures.
 */
package coop.switchboard.bench;
