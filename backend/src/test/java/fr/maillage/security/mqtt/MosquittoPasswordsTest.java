package fr.maillage.security.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoPasswordsTest {

    /** Written by {@code mosquitto_passwd -c -b pw site-1 secret} (Mosquitto 2.0.11) on the project's machine. */
    private static final String MOSQUITTO_PASSWD_LINE = "site-1:$7$101$/VYSaX63HdzxigoR$4QqNF6/1kK6fsJ7YUgob2PqlBNoM3m"
            + "Lkvdc6BdG1vdGhachb89J+G8GV1Rq1K0u8haaVuAt0BwDCkYz72Hvo6w==";

    private final MosquittoPasswords passwords = new MosquittoPasswords();

    @Test
    void checksAHashWrittenByMosquittoPasswd() {
        String hash = MOSQUITTO_PASSWD_LINE.substring(MOSQUITTO_PASSWD_LINE.indexOf(':') + 1);

        assertThat(MosquittoPasswords.matches("secret", hash)).isTrue();
        assertThat(MosquittoPasswords.matches("Secret", hash)).isFalse();
    }

    @Test
    void writesMosquittoSha512Pbkdf2HashesWithAFreshSalt() {
        String password = passwords.randomPassword();
        String first = passwords.hash(password);
        String second = passwords.hash(password);

        assertThat(first).matches("\\$7\\$" + MosquittoPasswords.ITERATIONS + "\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(first).isNotEqualTo(second);
        assertThat(MosquittoPasswords.matches(password, first)).isTrue();
        assertThat(MosquittoPasswords.matches(password + "x", first)).isFalse();
    }

    @Test
    void randomPasswordsCarry192Bits() {
        assertThat(passwords.randomPassword()).hasSize(32).matches("[A-Za-z0-9_-]+")
                .isNotEqualTo(passwords.randomPassword());
    }

    @Test
    void refusesWhatIsNotAMosquittoPbkdf2Hash() {
        assertThatThrownBy(() -> MosquittoPasswords.matches("x", "$6$salt$hash"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedAclIsTheOneTheBackendWrites() throws Exception {
        assertThat(Files.readString(Path.of("..", "deploy", "mosquitto", "acl"))).isEqualTo(MosquittoAcl.render());
    }
}
