package org.zonestat.topics;

import java.text.Normalizer;
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

    private IdentityFields() {}

    /** Whether a field of this name identifies a person (see the class comment). */
    public static boolean isIdentity(String fieldName) {
        String n = normal(fieldName);
        if (PERSONAL.contains(n) || ROLES.contains(n)) {
            return true;
        }
        for (String role : ROLES) {
            if (n.startsWith(role)) {
                String rest = n.substring(role.length());
                if (PERSONAL.contains(rest) || ROLE_DETAILS.contains(rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The normal form a field name is compared in: NFKC, lower case, letters and digits only. */
    public static String normal(String fieldName) {
        String folded =
                Normalizer.normalize(fieldName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }
}
