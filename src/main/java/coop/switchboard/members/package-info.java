/**
 * Members (persons and businesses), their identity and contacts, the accounts they hold, people authorised to
 * discuss an account, and the interactions staff log. Publishes {@link coop.switchboard.members.MemberService},
 * {@link coop.switchboard.members.InteractionService}, their views, and the {@link coop.switchboard.members.AccountChanged} event.
 */
package coop.switchboard.members;
