package dev.daybook.status.batch;

import java.util.regex.Pattern;

/**
 * What a user id an admin types into a batch run may look like. Users reach the API with the {@code sub} of
 * a verified token and never name a user; a batch run names one by hand, so a blank, a line break or a
 * pasted sentence is refused rather than becoming a user nobody can sign in as. The set covers the {@code sub} forms of common identity providers
 * ({@code auth0|5f…}, e-mail addresses, numeric Google ids, UUIDs).
 */
final class UserIds {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@|+=-]{0,127}");

    private UserIds() {
    }

    static boolean isWellFormed(String user) {
        return user != null && FORMAT.matcher(user).matches();
    }

    /** The user itself, or an {@link IllegalArgumentException} (a 400) naming the rule. */
    static String check(String user) {
        if (!isWellFormed(user)) {
            throw new IllegalArgumentException("parameter 'user' must be a user id: 1 to 128 letters, digits and . _ @ | + = -, "
                    + "starting with a letter or digit");
        }
        return user;
    }
}
