package org.zonestat.console;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call which route of the console. Each route declares one {@link Rule} when it is added
 * (Javalin's route roles); {@link #check(Context)} runs before every matched HTTP route and static
 * file, {@link #checkUpgrade(Context)} before every WebSocket upgrade. A route that declares no
 * rule needs a valid token of any role, so forgetting one never opens a route.
 *
 * <p>Tokens: REST calls send {@code Authorization: Bearer <token>}; WebSocket clients send {@code
 * ?token=<token>} (browsers cannot set headers on a WebSocket), and a {@code ?token=} never opens a
 * REST route. A missing or unknown token where one is needed is a 401 with {@code WWW-Authenticate:
 * Bearer realm="zonestat"}; a role the rule does not admit is a 403 with the rule's sentence. The
 * caller's role is then on the request for the handler: {@link #role(Context)}, {@link
 * #optionalRole(Context)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Access {
    private static final String ROLE_ATTRIBUTE = "zonestat.role";
    private static final String BEARER = "Bearer ";

    /** What a rule asks of the caller. */
    public enum Need {
        /** Nothing: a token, if sent, is ignored. */
        NOTHING,
        /** Nothing, but a token that is sent must be valid; its role then reaches the handler. */
        VALID_TOKEN_IF_SENT,
        /** A valid token of any role. */
        ANY_ROLE,
        /** A dispatcher, analyst or admin token (not public: exact locations). */
        STAFF,
        /** An analyst or admin token. */
        ANALYST,
        /** An admin token. */
        ADMIN;

        boolean admits(Role role) {
            return switch (this) {
                case NOTHING, VALID_TOKEN_IF_SENT, ANY_ROLE -> true;
                case STAFF -> role.mayWatchLive();
                case ANALYST -> role.maySeeTips();
                case ADMIN -> role == Role.ADMIN;
            };
        }
    }

    /**
     * The access rule of a route.
     *
     * @param need what the caller must present
     * @param denied the 403 message for a role the rule does not admit, with {@code %s} for the
     *     role's id; null when every role is admitted
     */
    public record Rule(Need need, String denied) implements RouteRole {
        public Rule {
            Objects.requireNonNull(need, "need");
            if (denied == null && !need.admits(Role.PUBLIC)) {
                throw new IllegalArgumentException("a rule that turns roles away needs a message");
            }
        }
    }

    /** Open to everyone: pages, static files, the health check, the public scorecard. */
    public static final Rule OPEN = new Rule(Need.NOTHING, null);

    /** Open to everyone, but a token that is sent must be valid (Open311). */
    public static final Rule TOKEN_IF_SENT = new Rule(Need.VALID_TOKEN_IF_SENT, null);

    /** Any role with a valid token. */
    public static final Rule ANY_ROLE = new Rule(Need.ANY_ROLE, null);

    /** Dispatchers, analysts and admins; {@code denied} is the 403 message ({@code %s}: role). */
    public static Rule staff(String denied) {
        return new Rule(Need.STAFF, denied);
    }

    /** Analysts and admins; {@code denied} is the 403 message ({@code %s}: role). */
    public static Rule analyst(String denied) {
        return new Rule(Need.ANALYST, denied);
    }

    /** Admins only; {@code denied} is the 403 message ({@code %s}: role). */
    public static Rule admin(String denied) {
        return new Rule(Need.ADMIN, denied);
    }

    private final AccessTokens tokens;

    public Access(AccessTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Applies the matched route's rule with the bearer token (a Javalin before-matched handler).
     */
    public void check(Context ctx) {
        Rule rule = ruleOf(ctx.routeRoles());
        if (rule.need() == Need.NOTHING) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null && rule.need() == Need.VALID_TOKEN_IF_SENT) {
            return;
        }
        String token = bearerToken(header);
        Role role =
                roleOf(token)
                        .orElseThrow(
                                () -> {
                                    ctx.header("WWW-Authenticate", "Bearer realm=\"zonestat\"");
                                    return new UnauthorizedResponse(
                                            token == null
                                                    ? "missing access token: send 'Authorization: Bearer <token>'"
                                                    : "invalid access token");
                                });
        admit(rule, role);
        ctx.attribute(ROLE_ATTRIBUTE, role);
    }

    /**
     * Applies the WebSocket endpoint's rule with the {@code ?token=} of the upgrade request (a
     * Javalin before-upgrade handler): a refused upgrade is answered 401 or 403 and never opens.
     */
    public void checkUpgrade(Context ctx) {
        Rule rule = ruleOf(ctx.routeRoles());
        if (rule.need() == Need.NOTHING) {
            return;
        }
        String token = ctx.queryParam("token");
        Role role =
                roleOf(token)
                        .orElseThrow(
                                () ->
                                        new UnauthorizedResponse(
                                                token == null
                                                        ? "missing access token: connect to "
                                                                + ctx.path()
                                                                + "?token=<token>"
                                                        : "invalid access token"));
        admit(rule, role);
        ctx.attribute(ROLE_ATTRIBUTE, role);
    }

    /** The role of a presented token; empty if it is missing or unknown. */
    public Optional<Role> roleOf(String token) {
        return tokens.roleOf(token);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null if there is none. */
    static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    private static Rule ruleOf(Set<RouteRole> roles) {
        return roles.stream()
                .filter(Rule.class::isInstance)
                .map(Rule.class::cast)
                .findFirst()
                .orElse(ANY_ROLE);
    }

    private static void admit(Rule rule, Role role) {
        if (!rule.need().admits(role)) {
            throw new ForbiddenResponse(String.format(rule.denied(), role.id()));
        }
    }

    /** The caller's role, as checked before the handler; 401 if the route took no token. */
    public static Role role(Context ctx) {
        Role role = ctx.attribute(ROLE_ATTRIBUTE);
        if (role == null) {
            throw new UnauthorizedResponse("missing access token");
        }
        return role;
    }

    /** The caller's role if a valid token came with the request. */
    public static Optional<Role> optionalRole(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ROLE_ATTRIBUTE));
    }
}
