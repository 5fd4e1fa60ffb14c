package fr.maillage.security.mqtt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Mosquitto 2's password hashes ({@code mosquitto_passwd}'s default, "sha512-pbkdf2"): a password file line is
 * {@code user:$7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512 of 64 bytes>}, with a 12-byte salt.
 */
public final class MosquittoPasswords {

    /** Mosquitto's own default is 101; a thousand costs the broker about a millisecond per connection here. */
    static final int ITERATIONS = 1000;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;
    private static final int PASSWORD_BYTES = 24;

    private final SecureRandom random = new SecureRandom();

    /** A fresh password of 192 random bits, URL-safe so that it fits any agent configuration file. */
    public String randomPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash part of a password file line: {@code $7$iterations$salt$hash}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return format(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /** Whether a password matches a {@code $7$} hash, whatever its iterations (as Mosquitto checks it). */
    public static boolean matches(String password, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[1].equals("7")) {
            throw new IllegalArgumentException("not a Mosquitto sha512-pbkdf2 ($7$) hash");
        }
        int iterations = Integer.parseInt(parts[2]);
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] expected = Base64.getDecoder().decode(parts[4]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
    }

    private static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
