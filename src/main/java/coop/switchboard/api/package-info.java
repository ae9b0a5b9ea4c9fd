/**
 * The REST API under {@code /api/v1} for integrations (IVR, portal, outage systems): account search, accounts,
 * members, premises and interactions. Bearer API tokens; errors are RFC 9457 problem details naming the field;
 * OpenAPI at {@code /v3/api-docs}.
 */
package coop.switchboard.api;
