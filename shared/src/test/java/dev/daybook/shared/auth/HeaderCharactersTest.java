package dev.daybook.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header predicates answer exactly as Spring Security's default regular expressions. */
class HeaderCharactersTest {

    /** StrictHttpFirewall's defaults (spring-security-web 7.1), copied to hold ours to them. */
    private static final Pattern SPRING_NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern SPRING_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCharacterOfTheBasicPlaneAloneAndInsideAToken() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String alone = String.valueOf((char) c);
            String inside = "Bearer eyJ" + (char) c + "xyz";
            assertSameAnswers(alone);
            assertSameAnswers(inside);
        }
    }

    @Test
    void supplementaryCharactersPairedAndLoneSurrogates() {
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 97) {
            assertSameAnswers(new String(Character.toChars(cp)));
            assertSameAnswers("a" + new String(Character.toChars(cp)) + "b");
        }
        assertSameAnswers("\uD83D\uDE00"); // a pair: one assigned code point
        assertSameAnswers("x\uD83Dy");     // a lone high surrogate
        assertSameAnswers("x\uDE00y");     // a lone low surrogate
        assertSameAnswers("\uDE00\uD83D"); // low before high: two lone surrogates
        assertSameAnswers("\uDB7F\uDC00"); // a pair naming a private-use code point
        assertSameAnswers("\uDBBF\uDFFF"); // U+FFFFF, a noncharacter
    }

    @Test
    void realisticHeadersAndRandomMixtures() {
        List<String> samples = new ArrayList<>(List.of("", "Authorization", "application/json", "gzip, deflate",
                "Bearer " + "a".repeat(800), "value\twith tab", "line\nbreak", "nul\0", "del\u007f", "café", "\u0085",
                "\u00a0nbsp", "\u200bzero width", "\ufeffbom", "\ufffe", "\u0378unassigned", "\u061cmark"));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                s.append(switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) random.nextInt(0x100);
                    case 2 -> (char) random.nextInt(0x10000);
                    default -> new String(Character.toChars(random.nextInt(0x110000)));
                });
            }
            samples.add(s.toString());
        }
        samples.forEach(HeaderCharactersTest::assertSameAnswers);
    }

    @Test
    void refusesControlsButLetsATabThroughInValuesOnly() {
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\rb")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("\u0378")).isFalse(); // unassigned
    }

    @Test
    void theFirewallUsesThem() {
        var firewall = HeaderCharacters.firewall();
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/v1/jobs/x");
        request.addHeader("X-Bad", "a\u0001b");
        var firewalled = firewall.getFirewalledRequest(request);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> firewalled.getHeader("X-Bad"))
                .isInstanceOf(org.springframework.security.web.firewall.RequestRejectedException.class);
    }

    private static void assertSameAnswers(String s) {
        assertThat(HeaderCharacters.NAMES.test(s)).as("name %s", codes(s)).isEqualTo(matches(SPRING_NAMES, s));
        assertThat(HeaderCharacters.VALUES.test(s)).as("value %s", codes(s)).isEqualTo(matches(SPRING_VALUES, s));
    }

    private static boolean matches(Pattern p, String s) {
        return p.matcher(s).matches();
    }

    private static String codes(String s) {
        return s.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
    }
}
