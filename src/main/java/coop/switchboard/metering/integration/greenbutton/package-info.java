/**
 * Green Button (NAESB ESPI) files: {@link coop.switchboard.metering.integration.greenbutton.GreenButtonReader} streams
 * interval readings out of a "Download My Data" or subscription feed, and
 * {@link coop.switchboard.metering.integration.greenbutton.GreenButtonWriter} writes one. Pure file-format code: no
 * database, no Spring; only the JDK's StAX.
 */
package coop.switchboard.metering.integration.greenbutton;
