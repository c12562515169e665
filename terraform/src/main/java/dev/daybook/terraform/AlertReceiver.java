package dev.daybook.terraform;

import java.util.Map;

/**
 * Where the managed Alertmanager sends Daybook's alerts: a webhook (any Alertmanager webhook receiver, e.g. a
 * chat or paging bridge) and/or email through an SMTP relay. Read from {@code DAYBOOK_ALERT_*}; with neither set
 * the alerts are still evaluated and routed, but reach no one (the docs say to set one).
 *
 * <p>What is given here lands in the {@code alertmanager} secret, so in Terraform state too: use a webhook URL or
 * an SMTP login meant for alerts only, and keep the state where secrets may be kept.
 *
 * @param webhookUrl    {@code DAYBOOK_ALERT_WEBHOOK_URL}: POSTed Alertmanager's webhook JSON for firing and resolved alerts
 * @param email         {@code DAYBOOK_ALERT_EMAIL}: recipient address(es), comma separated
 * @param smtpSmarthost {@code DAYBOOK_ALERT_SMTP_SMARTHOST}: {@code host:port} of the relay (required with email)
 * @param smtpFrom      {@code DAYBOOK_ALERT_SMTP_FROM}: sender address (required with email)
 * @param smtpUsername  {@code DAYBOOK_ALERT_SMTP_USERNAME}: optional SMTP login
 * @param smtpPassword  {@code DAYBOOK_ALERT_SMTP_PASSWORD}: optional SMTP password
 */
public record AlertReceiver(String webhookUrl, String email, String smtpSmarthost, String smtpFrom,
        String smtpUsername, String smtpPassword) {

    public static final AlertReceiver NONE = new AlertReceiver(null, null, null, null, null, null);

    public AlertReceiver {
        webhookUrl = blankToNull(webhookUrl);
        email = blankToNull(email);
        smtpSmarthost = blankToNull(smtpSmarthost);
        smtpFrom = blankToNull(smtpFrom);
        smtpUsername = blankToNull(smtpUsername);
        smtpPassword = blankToNull(smtpPassword);
        if (webhookUrl != null && !webhookUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("DAYBOOK_ALERT_WEBHOOK_URL must be an http(s) URL: " + webhookUrl);
        }
        if (email != null && (smtpSmarthost == null || !smtpSmarthost.matches("[^:\\s]+:[0-9]+") || smtpFrom == null)) {
            throw new IllegalArgumentException("DAYBOOK_ALERT_EMAIL needs DAYBOOK_ALERT_SMTP_SMARTHOST (host:port) "
                    + "and DAYBOOK_ALERT_SMTP_FROM");
        }
    }

    public static AlertReceiver fromEnv(Map<String, String> env) {
        return new AlertReceiver(env.get("DAYBOOK_ALERT_WEBHOOK_URL"), env.get("DAYBOOK_ALERT_EMAIL"),
                env.get("DAYBOOK_ALERT_SMTP_SMARTHOST"), env.get("DAYBOOK_ALERT_SMTP_FROM"),
                env.get("DAYBOOK_ALERT_SMTP_USERNAME"), env.get("DAYBOOK_ALERT_SMTP_PASSWORD"));
    }

    /** Whether any receiver is set, i.e. whether an alert reaches anyone. */
    public boolean reachesSomeone() {
        return webhookUrl != null || email != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
