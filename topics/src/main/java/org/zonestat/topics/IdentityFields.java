package org.zonestat.topics;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The fields that name or reach a person (a tipster, a caller, a 311 requester): no ZoneStat output
 * topic carries one, {@code rejected} included. Records describe places and times; a feed that
 * sends who called has the field stripped from the text before anything is written ({@link
 * IdentityRedaction}).
 *
 * <p>A field name is compared in a normal form: Unicode NFKC, lower case, letters and digits only
 * ({@code First_Name}, {@code first-name} and {@code firstName} are all {@code firstname}). It is
 * an identity field when its normal form is
 *
 * <ul>
 *   <li>one of {@link #PERSONAL} (a name, phone, e-mail, birth date, device or account id), or
 *   <li>one of {@link #ROLES} (a person's role: the whole value is about that person), or
 *   <li>a role followed by one of {@link #PERSONAL} or {@link #ROLE_DETAILS} ({@code tipsterName},
 *       {@code caller_phone}, {@code requesterAddress}, {@code contactInfo}).
 * </ul>
 *
 * A bare {@code address} is not an identity field: it is where the incident happened.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdentityFields {
    /** Values that identify a person whatever their role, in normal form. */
    public static final Set<String> PERSONAL =
            Set.of(
                    "name",
                    "fullname",
                    "firstname",
                    "lastname",
                    "givenname",
                    "familyname",
                    "surname",
                    "middlename",
                    "phone",
                    "phonenumber",
                    "telephone",
                    "tel",
                    "mobile",
                    "mobilephone",
                    "cellphone",
                    "email",
                    "emailaddress",
                    "dateofbirth",
                    "birthdate",
                    "dob",
                    "ssn",
                    "socialsecuritynumber",
                    "deviceid",
                    "accountid");

    /** The roles a person has towards a record, in normal form. */
    public static final Set<String> ROLES =
            Set.of(
                    "tipster",
                    "informant",
                    "caller",
                    "reporter",
                    "reportedby",
                    "requester",
                    "requestor",
                    "complainant",
                    "submitter",
                    "submittedby",
                    "contact",
                    "witness",
                    "victim",
                    "suspect",
                    "resident",
                    "citizen",
                    "customer",
                    "person");

    /** What may follow a role besides {@link #PERSONAL}, in normal form. */
    public static final Set<String> ROLE_DETAILS =
            Set.of("address", "homeaddress", "id", "info", "details", "number");

    /** Every identity field name in normal form, the rule spelled out once (one lookup a key). */
    private static final Set<String> ALL = all();

    /** No identity name in normal form is longer; a longer key is not read further. */
    private static final int LONGEST = ALL.stream().mapToInt(String::length).max().orElse(0);

    private IdentityFields() {}

    /** Whether a field of this name identifies a person (see the class comment). */
    public static boolean isIdentity(String fieldName) {
        return ALL.contains(normal(fieldName));
    }

    /** The normal form a field name is compared in: NFKC, lower case, letters and digits only. */
    public static String normal(String fieldName) {
        StringBuilder b = new StringBuilder(Math.min(fieldName.length(), LONGEST + 1));
        for (int i = 0; i < fieldName.length() && b.length() <= LONGEST; i++) {
            char c = fieldName.charAt(i);
            if (c >= 128) {
                return slowNormal(fieldName);
            }
            if (c >= 'A' && c <= 'Z') {
                b.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String slowNormal(String fieldName) {
        String folded =
                Normalizer.normalize(fieldName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static Set<String> all() {
        Set<String> all = new HashSet<>(PERSONAL);
        all.addAll(ROLES);
        for (String role : ROLES) {
            PERSONAL.forEach(p -> all.add(role + p));
            ROLE_DETAILS.forEach(d -> all.add(role + d));
        }
        return Set.copyOf(all);
    }
}
