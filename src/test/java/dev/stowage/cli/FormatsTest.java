package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's output against the examples of the integration guide (000_3c5ef03936904f94.txt, chapter 2). */
class FormatsTest {
    private static final String OWNER = "0000000000000000";

    private static UserInfo user(String email, String id, UserInfo.KeyPair... keys) {
        return new UserInfo(email, id, "enabled", OWNER, List.of(), List.of(keys));
    }

    private static UserInfo.KeyPair key(String id, String secret) {
        return new UserInfo.KeyPair(id, secret);
    }

    /** The guide's text lost its column padding in extraction: compare with runs of blanks collapsed. */
    private static List<String> collapsed(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll(" +", " ")).toList();
    }

    @Test
    void createUser_printsEmailIdKeyPairAndFlags_asSection2_1_1() {
        UserInfo created = user("user@email.com", "a49e12a226bd760f",
                key("a49e12a226bd760fGHQ7", "HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq"));
        assertThat(Formats.createdUser(created, false)).containsExactly(
                "UserEmail:user@email.com",
                "UserId:a49e12a226bd760f",
                "KeyPair[0]:S3AccessKeyId:a49e12a226bd760fGHQ7",
                "KeyPair[0]:S3SecretAccessKey:HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq",
                "Flags:none");
    }

    @Test
    void createSystemUser_printsFlagsSystem_asSection3_1() {
        UserInfo created = user("user@example.com", "a14040e0b2ef8b28",
                key("a14040e0b2ef8b28FZZ8", "dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA"));
        assertThat(Formats.createdUser(created, true)).last().isEqualTo("Flags:system");
    }

    @Test
    void queryUsers_table_matchesSection2_1_2_withColumnsAligned() {
        List<UserInfo> users = List.of(
                user("user2@abc.com", "bf0b3b15eb7c9019", key("bf0b3b15eb7c9019I36Y", "s1")),
                user("user1@abc.com", "d866d9d114cc3d20", key("d866d9d114cc3d20G456", "s2"),
                        key("d866d9d114cc3d20D8EW", "s3")),
                user("user3@abc.com", "e86d1c19e616455"));
        List<String> table = Formats.usersTable(users, false);
        assertThat(collapsed(table)).containsExactly(
                "S3 USER ID S3 ACCESS KEY ID S3 SECRET ACCESS KEY S3 USER EMAIL",
                "bf0b3b15eb7c9019 bf0b3b15eb7c9019I36Y *** user2@abc.com",
                "d866d9d114cc3d20 d866d9d114cc3d20G456 *** user1@abc.com",
                " d866d9d114cc3d20D8EW ***",
                "e86d1c19e616455 - - user3@abc.com");
        assertThat(table).containsExactly(
                "S3 USER ID       S3 ACCESS KEY ID     S3 SECRET ACCESS KEY S3 USER EMAIL",
                "bf0b3b15eb7c9019 bf0b3b15eb7c9019I36Y ***                  user2@abc.com",
                "d866d9d114cc3d20 d866d9d114cc3d20G456 ***                  user1@abc.com",
                "                 d866d9d114cc3d20D8EW ***",
                "e86d1c19e616455  -                    -                    user3@abc.com");
    }

    @Test
    void queryUsers_tableWithSecrets_widensTheSecretColumn() {
        List<String> table = Formats.usersTable(List.of(user("a@b.c", "0123456789abcdef",
                key("0123456789abcdefAAAA", "HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq"))), true);
        assertThat(table).containsExactly(
                "S3 USER ID       S3 ACCESS KEY ID     S3 SECRET ACCESS KEY                     S3 USER EMAIL",
                "0123456789abcdef 0123456789abcdefAAAA HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq a@b.c");
    }

    @Test
    void queryUsers_xmlWithSecrets_isSection2_1_2_byteForByte() {
        List<UserInfo> users = List.of(
                user("user@email.com", "a49e12a226bd760f",
                        key("a49e12a226bd760fGHQ7", "HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq")),
                user("user@email.com", "d7c53fc1f931661f",
                        key("d7c53fc1f931661fZLIV", "JL7gt1OH873zR0Fzv8Oh9ZuA6JtCVnkgV7lET6ET")));
        assertThat(Formats.usersXml(users, true)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<QueryUsersResult><Users><User><Id>a49e12a226bd760f</Id><Email>user@email.com</Email><Keys>"
                + "<OwnerId>0000000000000000</OwnerId><KeyPair><S3AccessKeyId>a49e12a226bd760fGHQ7</S3AccessKeyId>"
                + "<S3SecretAccessKey>HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq</S3SecretAccessKey></KeyPair></Keys>"
                + "</User><User><Id>d7c53fc1f931661f</Id><Email>user@email.com</Email><Keys>"
                + "<OwnerId>0000000000000000</OwnerId><KeyPair><S3AccessKeyId>d7c53fc1f931661fZLIV</S3AccessKeyId>"
                + "<S3SecretAccessKey>JL7gt1OH873zR0Fzv8Oh9ZuA6JtCVnkgV7lET6ET</S3SecretAccessKey></KeyPair></Keys>"
                + "</User></Users></QueryUsersResult>");
    }

    @Test
    void queryUsers_xmlWithoutSecrets_hidesThemAndEscapes() {
        String xml = Formats.usersXml(List.of(user("o'a&b@x.y", "0123456789abcdef", key("K", "S"))), false);
        assertThat(xml).contains("<Email>o&apos;a&amp;b@x.y</Email>")
                .contains("<S3SecretAccessKey>***</S3SecretAccessKey>")
                .doesNotContain(">S<");
    }

    @Test
    void queryUserInfo_printsEachKeyPairOverTwoLines_asSection2_1_3() {
        UserInfo info = user("user@email.com", "d866d9d114cc3d20",
                key("d866d9d114cc3d20G456", "5EAne6PLL1jxprouRqq8hmfONMfgrJcOwbowCoTt"),
                key("d866d9d114cc3d20D8EW", "83tTsNAuuRyoBBqhxMFqHAC60dhKHtTCCkQe54zu"));
        assertThat(Formats.userInfo(info)).containsExactly(
                "Query user: user id=d866d9d114cc3d20, user email=user@email.com",
                "Key pair[0]: access key id=d866d9d114cc3d20G456,",
                "secret access key=5EAne6PLL1jxprouRqq8hmfONMfgrJcOwbowCoTt",
                "Key pair[1]: access key id=d866d9d114cc3d20D8EW,",
                "secret access key=83tTsNAuuRyoBBqhxMFqHAC60dhKHtTCCkQe54zu");
    }

    @Test
    void deleteGenerateRevoke_matchSections2_1_5_to_2_1_7() {
        assertThat(Formats.deletedUser("bf0b3b15eb7c9019")).isEqualTo("Deleted user: user id=bf0b3b15eb7c9019");
        assertThat(Formats.generatedKey("d866d9d114cc3d20",
                key("d866d9d114cc3d20D8EW", "83tTsNAuuRyoBBqhxMFqHAC60dhKHtTCCkQe54zu"))).containsExactly(
                "Generate access key: user id=d866d9d114cc3d20, access key id=d866d9d114cc3d20D8EW,",
                "secret access key=83tTsNAuuRyoBBqhxMFqHAC60dhKHtTCCkQe54zu");
        assertThat(Formats.revokedKey("de86d1c19e616455", "de86d1c19e616455YIPU"))
                .isEqualTo("Revoke access key: user id=de86d1c19e616455, access key id=de86d1c19e616455YIPU");
    }

    @Test
    void listAllBuckets_isAnAlignedTable() {
        assertThat(Formats.bucketsTable(List.of(
                new BucketInfo("data", "b81d6c5f895a8c86", "2017-01-31T16:18:57.000Z", "1"),
                new BucketInfo("a-much-longer-name", "0123456789abcdef", "2017-02-01T08:00:00.000Z", "12")))).containsExactly(
                "BUCKET NAME        OWNER ID         CREATION DATE            EPOCH",
                "data               b81d6c5f895a8c86 2017-01-31T16:18:57.000Z 1",
                "a-much-longer-name 0123456789abcdef 2017-02-01T08:00:00.000Z 12");
    }

    @Test
    void limits_printSixLinesInOstorsOrderAndUnits_asSection2_2() {
        java.util.Map<String, java.math.BigDecimal> limits = Limits.fromJson(Json.parse("""
                {"bandwidth:out": "100", "ops:get": "3600.00", "ops:default": "0.00", "ops:put": "0.00",
                 "ops:list": "0.00", "ops:delete": "0.00"}"""));
        assertThat(Formats.limits(limits)).containsExactly(
                "ops:default=0.00ops/s",
                "ops:get=3600.00ops/s",
                "ops:put=0.00ops/s",
                "ops:list=0.00ops/s",
                "ops:delete=0.00ops/s",
                "bandwidth:out=100kbs/s");
        assertThat(Formats.limits(Limits.fromJson(Json.parse("{\"ops:put\": \"0.125\", \"ops:list\": 7}"))))
                .containsExactly("ops:default=0.00ops/s", "ops:get=0.00ops/s", "ops:put=0.13ops/s", "ops:list=7.00ops/s",
                        "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");
    }

    @Test
    void limitSettings_areCheckedAgainstTheirType() {
        assertThat(Limits.setting("ops", "get=3600")).isEqualTo(new Limits.Setting("ops", "get", "3600"));
        assertThat(Limits.setting(" Bandwidth", "OUT = 100")).isEqualTo(new Limits.Setting("bandwidth", "out", "100"));
        assertThat(Limits.setting("ops", "delete=.5")).isEqualTo(new Limits.Setting("ops", "delete", ".5"));
        assertThat(Limits.setting("ops", "default=2.")).isEqualTo(new Limits.Setting("ops", "default", "2."));
        for (String[] bad : new String[][] {{"ops", "get=-1"}, {"ops", "get=+1"}, {"ops", "get=NaN"},
                {"ops", "get=1,5"}, {"ops", "out=1"}, {"bandwidth", "out=0.5"}, {"bandwidth", "put=1"},
                {"iops", "get=1"}, {"ops", "get"}, {"ops", "get=" + "9".repeat(33)}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.setting(bad[0], bad[1]))
                    .as(String.join(" ", bad)).isInstanceOfSatisfying(CliException.class,
                            e -> assertThat(e.status).isEqualTo(ExitStatus.USAGE));
        }
    }
}
