/**
 * The demo cooperative: a deterministic generator that fills an empty database with a believable electric
 * cooperative (also delivering water and fiber) by streaming rows with {@code COPY}, the {@code demo} command, the
 * seeding of an empty database when the server starts in demo mode, and the demo sign-in users and API token.
 * Publishes {@link coop.switchboard.demo.DemoUtility}, {@link coop.switchboard.demo.DemoResult} and
 * {@link coop.switchboard.demo.DemoAccess}.
 */
package coop.switchboard.demo;
