package org.zonestat.console.community;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Limits how often one caller may do one thing (post a 311 request, submit a tip, look up a tip):
 * at most {@code limit} times in any {@code window} (a sliding log of the last {@code limit} times
 * per caller). Callers are told apart by a key (an API key, a tip number) and by their network
 * address; a caller over either limit gets {@code 429 Too Many Requests} with {@code Retry-After}.
 *
 * <p><b>How an address is used without being stored.</b> The address is never kept as it is: it is
 * turned into an HMAC-SHA256 with a random key that lives only in this object's memory and is
 * replaced every {@code window} (so an entry cannot be linked across windows, nor reversed without
 * the key). The digest is held only as long as its entry can still refuse a request (at most one
 * window), is never logged and never written to Kafka or disk; the address itself is dropped as
 * soon as it is hashed.
 *
 * <p>Thread-safe: all state is guarded by the object's lock.
 */
public final class RateLimiter {
    private final String what;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant[]> recent = new HashMap<>();
    private byte[] addressKey;
    private Instant keySince;

    /**
     * @param what what is limited, for the 429 message, e.g. {@code "tips"}
     * @param limit how many times per window a caller may do it
     * @param window the sliding window
     * @param clock the time source
     */
    public RateLimiter(String what, int limit, Duration window, Clock clock) {
        this.what = Objects.requireNonNull(what, "what");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        newKey(clock.instant());
    }

    /**
     * Counts one attempt of the request's caller (its address) and, when given, of {@code key}.
     *
     * @throws HttpResponseException 429 with {@code Retry-After} when either is over the limit; the
     *     attempt is then not counted
     */
    public void acquire(Context ctx, String key) {
        String address = ctx.ip();
        long retryAfter = tryAcquire(address, key);
        if (retryAfter > 0) {
            ctx.header("Retry-After", String.valueOf(retryAfter));
            throw new HttpResponseException(
                    HttpStatus.TOO_MANY_REQUESTS.getCode(),
                    "too many "
                            + what
                            + ": at most "
                            + limit
                            + " in "
                            + describe(window)
                            + "; try again in "
                            + retryAfter
                            + " s");
        }
    }

    /**
     * Counts one attempt of {@code address} and, when not null, {@code key}.
     *
     * @return 0 when allowed, else the seconds until the caller may try again
     */
    public synchronized long tryAcquire(String address, String key) {
        Instant now = clock.instant();
        if (Duration.between(keySince, now).compareTo(window) >= 0) {
            newKey(now);
        }
        String byAddress = "a:" + digest(address == null ? "" : address);
        String byKey = key == null ? null : "k:" + key;
        long wait = Math.max(waitFor(byAddress, now), byKey == null ? 0 : waitFor(byKey, now));
        if (wait > 0) {
            return wait;
        }
        record(byAddress, now);
        if (byKey != null) {
            record(byKey, now);
        }
        if (recent.size() > 10_000) {
            forgetOld(now);
        }
        return 0;
    }

    /** How many callers are held (addresses as digests, and keys): for tests. */
    synchronized int entries() {
        forgetOld(clock.instant());
        return recent.size();
    }

    /** Whether any held entry contains {@code text}: for the test that no address is kept. */
    synchronized boolean holds(String text) {
        return recent.keySet().stream().anyMatch(k -> k.contains(text));
    }

    private long waitFor(String who, Instant now) {
        Instant[] times = recent.get(who);
        if (times == null || times[limit - 1] == null) {
            return 0;
        }
        // times is kept newest first; the oldest of the last `limit` leaves the window at:
        Instant free = times[limit - 1].plus(window);
        return free.isAfter(now) ? Math.max(1, Duration.between(now, free).toSeconds()) : 0;
    }

    private void record(String who, Instant now) {
        Instant[] times = recent.computeIfAbsent(who, k -> new Instant[limit]);
        System.arraycopy(times, 0, times, 1, limit - 1);
        times[0] = now;
    }

    private void forgetOld(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Instant[]> it = recent.values().iterator(); it.hasNext(); ) {
            Instant newest = it.next()[0];
            if (newest == null || !newest.isAfter(cutoff)) {
                it.remove();
            }
        }
    }

    private void newKey(Instant now) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        addressKey = key;
        keySince = now;
        // Digests under the old key cannot be matched any more: forget them.
        recent.keySet().removeIf(k -> k.startsWith("a:"));
    }

    private String digest(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(addressKey, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
