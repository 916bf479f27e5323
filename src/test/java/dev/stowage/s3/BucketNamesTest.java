package dev.stowage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BucketNamesTest {
    /** AWS's rule as a regular expression: a name formatted as an IP address is refused. */
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    @Test
    void namesFormattedAsIpAddresses_areInvalid() {
        for (String name : List.of("192.168.5.4", "1.2.3.4", "255.255.255.255", "999.999.999.999", "0.0.0.0")) {
            assertFalse(BucketNames.isValid(name), name);
        }
    }

    @Test
    void digitsAndDotsThatAreNotFourGroupsOfOneToThree_areValid() {
        for (String name : List.of("1234.1.1.1", "1.1.1", "1.1.1.1.1", "1.1.1.1a", "a1.1.1.1", "123", "10.0.0.10.1")) {
            assertTrue(BucketNames.isValid(name), name);
        }
    }

    @Test
    void ipAddressRule_agreesWithTheRegularExpressionOverEveryShortDigitDotName() {
        char[] alphabet = {'1', '.'};
        int checked = 0;
        for (int length = 3; length <= 15; length++) {
            for (int bits = 0; bits < (1 << length); bits++) {
                StringBuilder name = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    name.append(alphabet[(bits >> i) & 1]);
                }
                String s = name.toString();
                boolean structurallyValid = s.charAt(0) != '.' && s.charAt(length - 1) != '.' && !s.contains("..");
                assertEquals(structurallyValid && !IP_ADDRESS.matcher(s).matches(), BucketNames.isValid(s), s);
                checked++;
            }
        }
        assertTrue(checked > 60_000);
    }
}
